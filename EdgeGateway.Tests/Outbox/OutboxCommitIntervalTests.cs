using EdgeGateway.Outbox;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using static EdgeGateway.Tests.Fixtures.OutboxFixture;

namespace EdgeGateway.Tests.Outbox;

public sealed class OutboxCommitIntervalTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Appends_arriving_within_the_commit_interval_wait_for_it_and_share_one_commit()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        using var meters = new RecordingMeterFactory();
        await using var store = new OutboxStore(Settings(_dir.Path) with { CommitInterval = TimeSpan.FromMilliseconds(20) }, time, NullLogger<OutboxStore>.Instance, new OutboxMetrics(meters));
        await store.StartAsync(_ct);

        // The first append after a quiet spell commits at once.
        Assert.Equal(1, await store.AppendAsync(Draft(MessageKind.Reading, "first"), _ct));
        Task<long>[] following = [store.TryAppend(Draft(MessageKind.Reading, "a"))!, store.TryAppend(Draft(MessageKind.Reading, "b"))!, store.TryAppend(Draft(MessageKind.Reading, "c"))!];
        var all = Task.WhenAll(following);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        limit.CancelAfter(Patience);
        while (!all.IsCompleted)
        {
            // Advanced until the commit comes: the writer may take its wait on the clock just before or after a step.
            time.Advance(TimeSpan.FromMilliseconds(20));
            await Task.WhenAny(all, Task.Delay(10, limit.Token));
            limit.Token.ThrowIfCancellationRequested();
        }

        var seqs = await all;

        Assert.Equal([2L, 3L, 4L], seqs);
        Assert.Equal(2, meters.Total("edgegw.outbox.commits"));
        Assert.Equal(4, meters.Total("edgegw.outbox.appended"));
    }

    [Fact]
    public async Task An_alarm_queued_while_readings_wait_for_the_interval_is_committed_at_once_with_them()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        using var meters = new RecordingMeterFactory();
        await using var store = new OutboxStore(Settings(_dir.Path) with { CommitInterval = TimeSpan.FromMilliseconds(100) }, time, NullLogger<OutboxStore>.Instance, new OutboxMetrics(meters));
        await store.StartAsync(_ct);
        await store.AppendAsync(Draft(MessageKind.Reading, "first"), _ct);

        // The fake clock stands still from here: without the alarm these would wait for it forever.
        var reading = store.TryAppend(Draft(MessageKind.Reading, "waits"))!;
        var another = store.TryAppend(Draft(MessageKind.Reading, "waits too"))!;
        var alarm = store.TryAppend(Draft(MessageKind.Alarm, "bed exit"))!;
        var seqs = await CommittedAsync(time, reading, another, alarm);

        Assert.Equal([2L, 3L, 4L], seqs);
        Assert.Equal(2, meters.Total("edgegw.outbox.commits"));
    }

    [Fact]
    public async Task A_device_state_change_also_ends_the_wait()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await using var store = await OpenAsync(Settings(_dir.Path) with { CommitInterval = TimeSpan.FromMilliseconds(100) }, time);
        await store.AppendAsync(Draft(MessageKind.Reading, "first"), _ct);

        var reading = store.TryAppend(Draft(MessageKind.Reading, "waits"))!;
        var state = store.TryAppend(Draft(MessageKind.Device, "offline"))!;
        var seqs = await CommittedAsync(time, reading, state);

        Assert.Equal([2L, 3L], seqs);
    }

    [Fact]
    public async Task An_append_after_the_interval_has_passed_commits_without_waiting()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await using var store = await OpenAsync(Settings(_dir.Path) with { CommitInterval = TimeSpan.FromMilliseconds(20) }, time);

        await store.AppendAsync(Draft(MessageKind.Reading, "first"), _ct);
        time.Advance(TimeSpan.FromMilliseconds(20));

        // The fake clock stands still from here: a commit that waited for it would never come.
        Assert.Equal(2, await store.AppendAsync(Draft(MessageKind.Alarm, "second"), _ct).WaitAsync(Patience, _ct));
    }

    /// <summary>The appends' seqs once durable; then the clock moves on, so a writer still waiting (a failure) lets the store close.</summary>
    private async Task<long[]> CommittedAsync(FakeTimeProvider time, params Task<long>[] appends)
    {
        try
        {
            return await Task.WhenAll(appends).WaitAsync(Patience, _ct);
        }
        finally
        {
            time.Advance(TimeSpan.FromSeconds(1));
        }
    }
}
