using System.Threading.Channels;
using EdgeGateway.Drivers;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>Collects what a driver emits; tests wait for the event they expect with a deadline, never a sleep.</summary>
public sealed class ModbusEventSink : IDeviceEventWriter
{
    private readonly Channel<DeviceEvent> _events = Channel.CreateUnbounded<DeviceEvent>();

    public List<DeviceEvent> Seen { get; } = [];

    public ValueTask WriteAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken) => _events.Writer.WriteAsync(deviceEvent, cancellationToken);

    /// <summary>Reads events until one matches; fails the test after <paramref name="seconds"/>.</summary>
    public async Task<T> WaitForAsync<T>(Func<T, bool> match, double seconds = 10)
        where T : DeviceEvent
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(deadline.Token);
                Seen.Add(next);
                if (next is T typed && match(typed))
                {
                    return typed;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no matching {typeof(T).Name} within {seconds} s; saw: {string.Join(", ", Seen.TakeLast(10))}");
        }
    }
}
