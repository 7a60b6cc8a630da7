using EdgeGateway.Drivers;
using EdgeGateway.Drivers.Modbus;

namespace EdgeGateway.Benchmarks.Alarms;

/// <summary>Background load for the latency benchmark: pressure readings at a steady rate, through the engine's real channel.</summary>
internal sealed class LoadDriver(string deviceId, int readingsPerSecond) : IDeviceDriver
{
    private const int TicksPerSecond = 100;

    public IReadOnlyList<string> DeviceIds { get; } = [deviceId];

    public long Sent { get; private set; }

    public async Task RunAsync(IDeviceEventWriter events, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1.0 / TicksPerSecond));
        var started = DateTimeOffset.UtcNow;
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                // Catch up to the rate by the clock, so a late tick does not lower the load.
                var due = (long)((DateTimeOffset.UtcNow - started).TotalSeconds * readingsPerSecond);
                for (; Sent < due; Sent++)
                {
                    await events.WriteAsync(new PressureReading(deviceId, DateTimeOffset.UtcNow, 400 + (Sent % 10)), cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The benchmark is over.
        }
    }
}
