using EdgeGateway.Cloud;
using EdgeGateway.Outbox;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Tests.Cloud;

/// <summary>A real outbox file and a forwarder in front of a given sink, with quick backoffs.</summary>
internal sealed class ForwarderHarness : IAsyncDisposable
{
    private readonly TempDirectory _dir;
    private ForwarderService? _forwarder;

    private ForwarderHarness(TempDirectory dir, OutboxStore outbox)
    {
        _dir = dir;
        Outbox = outbox;
    }

    public OutboxStore Outbox { get; }

    public CloudStatus Status { get; } = new();

    public static async Task<ForwarderHarness> OpenAsync()
    {
        var dir = new TempDirectory();
        return new ForwarderHarness(dir, await OutboxFixture.OpenAsync(OutboxFixture.Settings(dir.Path)));
    }

    public static ForwarderSettings Quick(int window) => new(window)
    {
        InitialBackoff = TimeSpan.FromMilliseconds(10),
        MaxBackoff = TimeSpan.FromMilliseconds(50),
        IdlePoll = TimeSpan.FromMilliseconds(5),
        MaxRefusals = 3,
    };

    public async Task<List<long>> AppendAsync(MessageKind kind, string tagPrefix, int count)
    {
        var seqs = new List<long>(count);
        for (var i = 0; i < count; i++)
        {
            seqs.Add(await Outbox.AppendAsync(OutboxFixture.Draft(kind, $"{tagPrefix}{i}"), TestContext.Current.CancellationToken));
        }

        return seqs;
    }

    public async Task StartAsync(ICloudSink sink, ForwarderSettings settings)
    {
        _forwarder = new ForwarderService(sink, Outbox, Status, settings, TimeProvider.System, TestMeters.Create(), NullLogger<ForwarderService>.Instance);
        await _forwarder.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Waits (polling every 5 ms) until the condition holds; fails after the timeout.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, int timeoutSeconds = 20)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(timeoutSeconds));
        while (!condition())
        {
            try
            {
                await Task.Delay(5, limit.Token);
            }
            catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"not within {timeoutSeconds} s: {what}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_forwarder is not null)
        {
            await _forwarder.StopAsync(CancellationToken.None);
            _forwarder.Dispose();
        }

        await Outbox.DisposeAsync();
        _dir.Dispose();
    }
}
