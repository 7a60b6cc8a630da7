using EdgeGateway.Cloud;
using EdgeGateway.Outbox;
using static EdgeGateway.Tests.Fixtures.OutboxFixture;

namespace EdgeGateway.Tests.Cloud;

public sealed class ForwarderTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Alarms_and_device_changes_go_ahead_of_a_backlog_of_readings_and_each_lane_keeps_its_order()
    {
        await using var harness = await ForwarderHarness.OpenAsync();
        await harness.AppendAsync(MessageKind.Reading, "r", 40);
        await harness.AppendAsync(MessageKind.Alarm, "a", 2);
        await harness.AppendAsync(MessageKind.Device, "d", 1);
        await harness.AppendAsync(MessageKind.Reading, "s", 5);
        var sink = new ScriptedCloudSink();

        await harness.StartAsync(sink, ForwarderHarness.Quick(window: 1));
        await ForwarderHarness.WaitUntilAsync(() => harness.Outbox.Depth == 0, "outbox drained");

        string[] expected = ["a0", "a1", "d0", .. Enumerable.Range(0, 40).Select(i => $"r{i}"), .. Enumerable.Range(0, 5).Select(i => $"s{i}")];
        Assert.Equal(expected, sink.Acknowledged.Select(Tag));
        Assert.Equal(48, harness.Status.Snapshot().Delivered);
        Assert.NotNull(harness.Status.Snapshot().LagSeconds);
    }

    [Fact]
    public async Task No_more_publishes_wait_for_an_acknowledgement_than_the_window_allows()
    {
        await using var harness = await ForwarderHarness.OpenAsync();
        await harness.AppendAsync(MessageKind.Reading, "r", 200);
        var sink = new ScriptedCloudSink((_, _) => Task.Delay(2, _ct));

        await harness.StartAsync(sink, ForwarderHarness.Quick(window: 4));
        await ForwarderHarness.WaitUntilAsync(() => harness.Outbox.Depth == 0, "outbox drained");

        Assert.Equal(4, sink.MaxInFlight);
        Assert.Equal(Enumerable.Range(0, 200).Select(i => $"r{i}"), Started(sink).Select(Tag));
    }

    [Fact]
    public async Task A_message_the_cloud_keeps_refusing_is_dead_lettered_after_N_refusals_and_the_rest_flows_on()
    {
        await using var harness = await ForwarderHarness.OpenAsync();
        var seqs = await harness.AppendAsync(MessageKind.Reading, "r", 20);
        var refused = seqs[5];
        var sink = new ScriptedCloudSink((record, _) => record.Seq == refused
            ? Task.FromException(new CloudRefusedException($"message {record.Id} is too large"))
            : Task.CompletedTask);

        await harness.StartAsync(sink, ForwarderHarness.Quick(window: 4));
        await ForwarderHarness.WaitUntilAsync(() => harness.Outbox.Depth == 0 && harness.Outbox.DeadLetters == 1, "outbox drained around the refused message");

        var dead = Assert.Single(await harness.Outbox.ListDeadLettersAsync(10, _ct));
        Assert.Equal(refused, dead.Seq);
        Assert.Equal($"gw-test:{refused}", dead.Id);
        Assert.Equal(MessageKind.Reading, dead.Kind);
        Assert.Equal(3, dead.Refusals);
        Assert.Equal($"message gw-test:{refused} is too large", dead.Reason);
        Assert.Equal(200, dead.Bytes);
        Assert.Equal(seqs.Where(s => s != refused), sink.Acknowledged.Select(r => r.Seq).Distinct().Order());
        var status = harness.Status.Snapshot();
        Assert.Equal((3, 1L), ((int)status.Refusals, status.DeadLettered));
        Assert.Equal(19, status.Delivered);
    }

    [Fact]
    public async Task A_dropped_connection_resends_what_was_not_acknowledged_with_the_same_id_and_loses_nothing()
    {
        await using var harness = await ForwarderHarness.OpenAsync();
        var seqs = await harness.AppendAsync(MessageKind.Reading, "r", 100);
        ScriptedCloudSink sink = null!;
        sink = new ScriptedCloudSink((record, attempt) =>
        {
            if (record.Seq == seqs[50] && attempt == 1)
            {
                sink.Drop();
                return Task.FromException(new CloudUnavailableException("connection reset by peer"));
            }

            return Task.CompletedTask;
        });

        await harness.StartAsync(sink, ForwarderHarness.Quick(window: 8));
        await ForwarderHarness.WaitUntilAsync(() => harness.Outbox.Depth == 0, "outbox drained after the reconnect");

        Assert.Equal(2, sink.Connects);
        var attempts = Started(sink);

        // The message that failed went out twice, both times with the id the cloud de-duplicates on.
        Assert.Equal([$"gw-test:{seqs[50]}", $"gw-test:{seqs[50]}"], attempts.Where(a => a.Seq == seqs[50]).Select(a => a.Id));
        Assert.Equal(seqs, sink.Acknowledged.Select(r => r.Seq));
        Assert.All(sink.Acknowledged, r => Assert.Equal($"gw-test:{r.Seq}", r.Id));
    }

    [Fact]
    public async Task Credentials_due_for_renewal_reconnect_after_the_messages_in_flight_are_acknowledged_so_nothing_is_sent_twice()
    {
        await using var harness = await ForwarderHarness.OpenAsync();
        var seqs = await harness.AppendAsync(MessageKind.Reading, "r", 100);
        ScriptedCloudSink sink = null!;
        sink = new ScriptedCloudSink(async (record, _) =>
        {
            if (record.Seq == seqs[30])
            {
                sink.CredentialsNeedRenewal = true;
            }

            await Task.Yield();
        });

        await harness.StartAsync(sink, ForwarderHarness.Quick(window: 8));
        await ForwarderHarness.WaitUntilAsync(() => harness.Outbox.Depth == 0, "outbox drained across the renewal");

        Assert.Equal(2, sink.Connects);
        Assert.Equal(seqs, sink.Acknowledged.Select(r => r.Seq).Order());
        Assert.Equal(seqs, Started(sink).Select(r => r.Seq));
    }

    private static List<OutboxRecord> Started(ScriptedCloudSink sink)
    {
        var attempts = new List<OutboxRecord>();
        while (sink.Attempts.Reader.TryRead(out var attempt))
        {
            attempts.Add(attempt);
        }

        return attempts;
    }
}
