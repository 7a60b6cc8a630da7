using System.Threading.Channels;
using EdgeGateway.Drivers;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// Stands in for the engine's channel: collects what a driver emits, for tests that wait on it with a
/// timeout instead of sleeping. Every event read so far stays in <see cref="Seen"/>, in order.
/// </summary>
public sealed class DeviceEventSink : IDeviceEventWriter
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);
    private readonly Channel<DeviceEvent> _events = Channel.CreateUnbounded<DeviceEvent>();

    public List<DeviceEvent> Seen { get; } = [];

    public ValueTask WriteAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken) =>
        _events.Writer.WriteAsync(deviceEvent, cancellationToken);

    /// <summary>The next event of type <typeparamref name="T"/> that matches; a <see cref="TimeoutException"/> when none comes in time.</summary>
    public async Task<T> NextAsync<T>(Func<T, bool>? match = null, TimeSpan? timeout = null)
        where T : DeviceEvent
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        try
        {
            while (true)
            {
                var next = await _events.Reader.ReadAsync(deadline.Token);
                Seen.Add(next);
                if (next is T typed && (match is null || match(typed)))
                {
                    return typed;
                }
            }
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no matching {typeof(T).Name} within {timeout ?? DefaultTimeout}; last seen: {string.Join(", ", Seen.TakeLast(10))}");
        }
    }

    /// <summary>The next event of any kind.</summary>
    public Task<DeviceEvent> NextAsync(TimeSpan? timeout = null) => NextAsync<DeviceEvent>(null, timeout);

    /// <summary>The next event if one arrives within <paramref name="timeout"/>, else null.</summary>
    public async Task<DeviceEvent?> TryNextAsync(TimeSpan timeout)
    {
        try
        {
            return await NextAsync(timeout);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }
}
