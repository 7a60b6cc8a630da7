using System.Threading.Channels;
using EdgeGateway.Drivers;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>Collects what a driver emits, for tests that wait on it with a timeout instead of sleeping.</summary>
internal sealed class MattressEventSink : IDeviceEventWriter
{
    private readonly Channel<DeviceEvent> _events = Channel.CreateUnbounded<DeviceEvent>();

    public ValueTask WriteAsync(DeviceEvent deviceEvent, CancellationToken cancellationToken) =>
        _events.Writer.WriteAsync(deviceEvent, cancellationToken);

    /// <summary>The next event, or a test failure after <paramref name="timeout"/>.</summary>
    public async Task<DeviceEvent> NextAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(timeout);
        try
        {
            return await _events.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no device event within {timeout}");
        }
    }

    public bool TryRead(out DeviceEvent? deviceEvent) => _events.Reader.TryRead(out deviceEvent);
}
