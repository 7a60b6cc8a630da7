namespace EdgeGateway.Hosting;

/// <summary>Completes when the host is up (all services started); the demo and tests wait on it.</summary>
public sealed class GatewayReadiness
{
    private readonly TaskCompletionSource<TimeSpan> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes with the time from process start to READY.</summary>
    public Task<TimeSpan> Ready => _ready.Task;

    internal void MarkReady(TimeSpan sinceProcessStart) => _ready.TrySetResult(sinceProcessStart);
}
