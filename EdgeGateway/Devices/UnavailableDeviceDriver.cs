using EdgeGateway.Drivers;

namespace EdgeGateway.Devices;

/// <summary>
/// Stands for a device whose hardware could not even be opened at start (no GPIO chip on this box): it
/// reports the device offline with the reason, and the device-silent alarm follows as for any silent device.
/// </summary>
internal sealed class UnavailableDeviceDriver(string deviceId, string reason, TimeProvider time) : IDeviceDriver
{
    public IReadOnlyList<string> DeviceIds { get; } = [deviceId];

    public async Task RunAsync(IDeviceEventWriter events, CancellationToken cancellationToken)
    {
        await events.WriteAsync(new DeviceStatusChange(deviceId, time.GetUtcNow(), DeviceState.Offline, reason), cancellationToken);
        await Task.Delay(Timeout.InfiniteTimeSpan, time, cancellationToken);
    }
}
