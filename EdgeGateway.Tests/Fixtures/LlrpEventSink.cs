using System.Threading.Channels;
using EdgeGateway.Drivers;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>The driver's event channel, read by tests in order with a timeout instead of sleeping.</summary>
public sealed class LlrpEventSink : IDeviceEventWriter
{
    private readonly Channel<DeviceEvent> _channel = Channel.CreateUnbounded<DeviceEvent>();

    public ValueTask WriteAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken) =>
        _channel.Writer.WriteAsync(deviceEvent, cancellationToken);

    /// <summary>Reads events until one matches; returns it and the events read before it.</summary>
    public async Task<(T Match, List<DeviceEvent> Before)> NextAsync<T>(Func<T, bool>? predicate = null, int timeoutMs = 10_000)
        where T : DeviceEvent
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(timeoutMs);
        var before = new List<DeviceEvent>();
        while (true)
        {
            var next = await _channel.Reader.ReadAsync(timeout.Token);
            if (next is T match && (predicate is null || predicate(match)))
            {
                return (match, before);
            }

            before.Add(next);
        }
    }

    /// <summary>Reads the next event if one arrives within <paramref name="timeoutMs"/>, else null.</summary>
    public async Task<DeviceEvent?> TryNextAsync(int timeoutMs)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(timeoutMs);
        try
        {
            return await _channel.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
