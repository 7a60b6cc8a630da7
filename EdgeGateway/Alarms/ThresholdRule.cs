using System.Globalization;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.Modbus;

namespace EdgeGateway.Alarms;

/// <summary>
/// Threshold (issue 6): any configured numeric point outside its limits for its sustain time, cleared with
/// hysteresis, so a technician adds an alarm (a medication fridge's temperature, an oxygen line's pressure)
/// by configuration, not by code. Telemetry <c>type</c> "threshold", <c>subject</c> the configured name.
/// </summary>
public sealed class ThresholdRule : IAlarmRule
{
    public const string AlarmType = "threshold";

    private readonly Dictionary<string, List<Watch>> _byDevice = new(StringComparer.Ordinal);

    public ThresholdRule(IEnumerable<ThresholdPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        foreach (var point in points)
        {
            if (!_byDevice.TryGetValue(point.DeviceId, out var watches))
            {
                watches = [];
                _byDevice.Add(point.DeviceId, watches);
            }

            watches.Add(new Watch(point));
        }
    }

    public void Observe(DeviceEvent deviceEvent, DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (deviceEvent is not Reading reading || !_byDevice.TryGetValue(reading.DeviceId, out var watches))
        {
            return;
        }

        foreach (var watch in watches)
        {
            if (Value(reading, watch.Point.Field) is not { } value)
            {
                continue;
            }

            var point = watch.Point;
            var change = watch.Monitor.Update(value, point.Limits, point.Sustain, now);
            if (change == LimitChange.None)
            {
                continue;
            }

            var raised = change == LimitChange.Raised;
            var message = raised
                ? string.Create(CultureInfo.InvariantCulture, $"{point.Name}: {point.Field} {value:0.###} on {point.DeviceId} is {(value > point.Limits.High ? "above" : "below")} its limit")
                : string.Create(CultureInfo.InvariantCulture, $"{point.Name}: {point.Field} {value:0.###} on {point.DeviceId} is back within its limits");
            var values = new Dictionary<string, double> { [point.Field] = value };
            if (point.Limits.Low is { } low)
            {
                values["lowLimit"] = low;
            }

            if (point.Limits.High is { } high)
            {
                values["highLimit"] = high;
            }

            conditions.Add(new AlarmCondition(AlarmType, point.Name, point.DeviceId, raised, point.Priority, message, values));
        }
    }

    public void Tick(DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        // Every decision needs a value: nothing changes with time alone (a silent device is device silent's).
    }

    /// <summary>
    /// A restored threshold alarm: a value back inside by the hysteresis clears it, values still outside keep
    /// it. A name no longer configured, or now watching another device, is <see cref="AlarmAdoption.SubjectRemoved"/>.
    /// </summary>
    public AlarmAdoption Adopt(ActiveAlarm alarm, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (alarm.Type != AlarmType)
        {
            return AlarmAdoption.NotThisRule;
        }

        var watch = _byDevice.Values.SelectMany(w => w).FirstOrDefault(w => w.Point.Name == alarm.Subject && w.Point.DeviceId == alarm.DeviceId);
        if (watch is null)
        {
            return AlarmAdoption.SubjectRemoved;
        }

        watch.Monitor.Adopt();
        return AlarmAdoption.Adopted;
    }

    private static double? Value(Reading reading, string field)
    {
        switch (reading)
        {
            case PressureReading pressure when field == "pressureKpa":
                return pressure.PressureKpa;
            case ModbusPointsReading points:
                foreach (var point in points.Points)
                {
                    if (point.Field == field)
                    {
                        return point.Value;
                    }
                }

                return null;
            default:
                return null;
        }
    }

    private sealed class Watch(ThresholdPoint point)
    {
        public ThresholdPoint Point { get; } = point;

        public LimitMonitor Monitor { get; } = new();
    }
}
