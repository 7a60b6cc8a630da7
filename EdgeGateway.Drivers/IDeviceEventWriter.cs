namespace EdgeGateway.Drivers;

/// <summary>
/// Where a driver hands its events: the bounded channel in front of the engine. A write waits when the
/// engine is behind (back-pressure, counted by the daemon) rather than dropping a reading.
/// </summary>
public interface IDeviceEventWriter
{
    ValueTask WriteAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken);
}
