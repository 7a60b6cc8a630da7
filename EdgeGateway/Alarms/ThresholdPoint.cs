namespace EdgeGateway.Alarms;

/// <summary>
/// One configured threshold alarm (alarms.thresholds[]): a numeric telemetry field of a device (a Modbus
/// point's field such as <c>temperatureDegC</c>, or a transmitter's <c>pressureKpa</c>) against its limits.
/// </summary>
/// <param name="Name">The alarm's subject: what the technician calls it (<c>fridge-3-temperature</c>).</param>
public sealed record ThresholdPoint(string Name, string DeviceId, string Field, AlarmLimits Limits, TimeSpan Sustain, AlarmPriority Priority);
