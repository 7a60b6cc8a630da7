using EdgeGateway.Outbox;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using static EdgeGateway.Tests.Fixtures.OutboxFixture;

namespace EdgeGateway.Tests.Outbox;

public sealed class OutboxStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task An_append_is_committed_to_the_file_when_it_returns()
    {
        await using var store = await OpenAsync(Settings(_dir.Path));

        var seqs = await Task.WhenAll(Enumerable.Range(0, 500).Select(i => store.AppendAsync(Draft(MessageKind.Reading, $"r{i}"), _ct)));

        // Another connection, as a restarted process would see the file: every returned seq is there.
        await using var connection = new SqliteConnection($"Data Source={_dir.File("outbox.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(_ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq FROM messages ORDER BY seq";
        var stored = new List<long>();
        await using (var reader = await command.ExecuteReaderAsync(_ct))
        {
            while (await reader.ReadAsync(_ct))
            {
                stored.Add(reader.GetInt64(0));
            }
        }

        Assert.Equal(seqs.Order(), stored);
        Assert.Equal(Enumerable.Range(1, 500).Select(i => (long)i), stored);
        await using var mode = connection.CreateCommand();
        mode.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await mode.ExecuteScalarAsync(_ct));
    }

    [Fact]
    public async Task Order_and_seq_continue_across_restarts_even_when_everything_was_acknowledged()
    {
        await using (var store = await OpenAsync(Settings(_dir.Path)))
        {
            for (var i = 0; i < 10; i++)
            {
                await store.AppendAsync(Draft(MessageKind.Reading, $"a{i}"), _ct);
            }

            var first = await store.ReadAsync(0, 100, _ct);
            Assert.Equal(Enumerable.Range(0, 10).Select(i => $"a{i}"), first.Select(Tag));
            await store.AcknowledgeAsync(first.Select(r => r.Seq).ToList(), _ct);
            Assert.Equal(0, store.Depth);
        }

        await using (var store = await OpenAsync(Settings(_dir.Path)))
        {
            var seq = await store.AppendAsync(Draft(MessageKind.Alarm, "b0"), _ct);
            await store.AppendAsync(Draft(MessageKind.Reading, "b1"), _ct);
            Assert.Equal(11, seq);
        }

        await using (var store = await OpenAsync(Settings(_dir.Path)))
        {
            var records = await store.ReadAsync(0, 100, _ct);
            Assert.Equal(["b0", "b1"], records.Select(Tag));
            Assert.Equal([11L, 12L], records.Select(r => r.Seq));
            Assert.Equal(["gw-test:11", "gw-test:12"], records.Select(r => r.Id));
            Assert.Equal(2, store.Depth);
        }
    }

    [Fact]
    public async Task Over_the_quota_the_oldest_readings_go_first_and_alarms_stay_while_a_reading_remains()
    {
        var settings = Settings(_dir.Path) with { QuotaBytes = 10 * 1000 };
        await using var store = await OpenAsync(settings);

        await store.AppendAsync(Draft(MessageKind.Alarm, "alarm-0", 1000), _ct);
        for (var i = 0; i < 12; i++)
        {
            await store.AppendAsync(Draft(MessageKind.Reading, $"r{i}", 1000), _ct);
        }

        await store.AppendAsync(Draft(MessageKind.Alarm, "alarm-1", 1000), _ct);

        var kept = (await store.ReadAsync(0, 100, _ct)).Select(Tag).ToList();
        Assert.Equal(["alarm-0", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "r11", "alarm-1"], kept);
        var stats = await store.GetStatsAsync(_ct);
        Assert.Equal(4, stats.Dropped["dropped.quota.reading"]);
        Assert.False(stats.Dropped.ContainsKey("dropped.quota.alarm"));
        Assert.True(stats.Bytes <= settings.QuotaBytes);
    }

    [Fact]
    public async Task Readings_taken_for_delivery_are_not_evicted_so_what_the_cloud_gets_is_never_counted_as_dropped()
    {
        var settings = Settings(_dir.Path) with { QuotaBytes = 10 * 1000 };
        await using var store = await OpenAsync(settings);
        for (var i = 0; i < 10; i++)
        {
            await store.AppendAsync(Draft(MessageKind.Reading, $"r{i}", 1000), _ct);
        }

        var taken = await store.TakeAsync(OutboxLane.Readings, 0, 4, _ct);
        await store.AppendAsync(Draft(MessageKind.Reading, "r10", 1000), _ct);
        await store.AppendAsync(Draft(MessageKind.Reading, "r11", 1000), _ct);
        await store.AcknowledgeAsync(taken.Select(r => r.Seq).ToList(), _ct);

        // r0..r3 were on their way to the cloud: the two oldest readings not taken made room instead.
        Assert.Equal(["r0", "r1", "r2", "r3"], taken.Select(Tag));
        Assert.Equal(["r6", "r7", "r8", "r9", "r10", "r11"], (await store.ReadAsync(0, 100, _ct)).Select(Tag));
        var stats = await store.GetStatsAsync(_ct);
        Assert.Equal(2, stats.Dropped["dropped.quota.reading"]);
        Assert.Equal(6, stats.Depth);
    }

    [Fact]
    public async Task Over_the_quota_an_alarm_stays_while_the_only_readings_left_are_being_delivered()
    {
        var settings = Settings(_dir.Path) with { QuotaBytes = 3 * 1000 };
        await using var store = await OpenAsync(settings);
        await store.AppendAsync(Draft(MessageKind.Reading, "r0", 1000), _ct);
        await store.AppendAsync(Draft(MessageKind.Reading, "r1", 1000), _ct);
        var taken = await store.TakeAsync(OutboxLane.Readings, 0, 10, _ct);

        await store.AppendAsync(Draft(MessageKind.Alarm, "alarm-0", 1000), _ct);
        await store.AppendAsync(Draft(MessageKind.Alarm, "alarm-1", 1000), _ct);
        var over = await store.GetStatsAsync(_ct);
        await store.AcknowledgeAsync([taken[0].Seq], _ct);

        Assert.Equal(4000, over.Bytes);
        Assert.Empty(over.Dropped);
        Assert.Equal(["r1", "alarm-0", "alarm-1"], (await store.ReadAsync(0, 100, _ct)).Select(Tag));
        Assert.Equal(3000, store.Bytes);
    }

    [Fact]
    public async Task When_only_alarms_are_left_over_the_quota_the_oldest_alarm_goes()
    {
        var settings = Settings(_dir.Path) with { QuotaBytes = 3 * 1000 };
        await using var store = await OpenAsync(settings);

        for (var i = 0; i < 4; i++)
        {
            await store.AppendAsync(Draft(MessageKind.Alarm, $"alarm-{i}", 1000), _ct);
        }

        Assert.Equal(["alarm-1", "alarm-2", "alarm-3"], (await store.ReadAsync(0, 100, _ct)).Select(Tag));
        Assert.Equal(1, (await store.GetStatsAsync(_ct)).Dropped["dropped.quota.alarm"]);
    }

    [Fact]
    public async Task Readings_older_than_their_time_to_live_are_dropped_and_alarms_are_kept()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        var settings = Settings(_dir.Path) with { ReadingTtl = TimeSpan.FromHours(1) };
        await using var store = await OpenAsync(settings, time);

        await store.AppendAsync(Draft(MessageKind.Reading, "old", timestamp: time.GetUtcNow()), _ct);
        await store.AppendAsync(Draft(MessageKind.Alarm, "old-alarm", timestamp: time.GetUtcNow()), _ct);
        time.Advance(TimeSpan.FromMinutes(59));
        await store.AppendAsync(Draft(MessageKind.Reading, "recent", timestamp: time.GetUtcNow()), _ct);
        Assert.Equal(3, store.Depth);

        time.Advance(TimeSpan.FromMinutes(2));
        await store.AppendAsync(Draft(MessageKind.Reading, "new", timestamp: time.GetUtcNow()), _ct);

        Assert.Equal(["old-alarm", "recent", "new"], (await store.ReadAsync(0, 100, _ct)).Select(Tag));
        Assert.Equal(1, (await store.GetStatsAsync(_ct)).Dropped["dropped.ttl.reading"]);
    }

    [Fact]
    public async Task Sqlite_full_evicts_readings_to_make_room_then_fails_only_what_cannot_fit()
    {
        // 64 pages of 4 KiB: SQLite reports SQLITE_FULL well before the disk does.
        var settings = Settings(_dir.Path) with { MaxPageCount = 64 };
        await using var store = await OpenAsync(settings);

        for (var i = 0; i < 400; i++)
        {
            await store.AppendAsync(Draft(MessageKind.Reading, $"r{i}", 2000), _ct);
        }

        var dropped = (await store.GetStatsAsync(_ct)).Dropped;
        Assert.True(dropped.GetValueOrDefault("dropped.disk_full.reading") > 0, "readings were evicted to make room");

        // With nothing left to evict, an alarm that cannot fit fails with a clear reason and is counted; nothing crashes.
        OutboxUnavailableException? refused = null;
        for (var i = 0; i < 200 && refused is null; i++)
        {
            try
            {
                await store.AppendAsync(Draft(MessageKind.Alarm, $"a{i}", 2000), _ct);
            }
            catch (OutboxUnavailableException e)
            {
                refused = e;
            }
        }

        Assert.NotNull(refused);
        Assert.Contains("SQLITE_FULL", refused.Message, StringComparison.Ordinal);
        Assert.True((await store.GetStatsAsync(_ct)).Dropped["dropped.disk_full.alarm"] >= 1);

        // Acknowledging frees room and appends work again.
        var stored = await store.ReadAsync(0, 1000, _ct);
        await store.AcknowledgeAsync(stored.Select(r => r.Seq).ToList(), _ct);
        await store.AppendAsync(Draft(MessageKind.Alarm, "after", 2000), _ct);
        Assert.Equal(["after"], (await store.ReadAsync(0, 1000, _ct)).Select(Tag));
    }

    [Fact]
    public async Task A_read_only_data_dir_is_reported_and_appends_wait_until_it_is_writable()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var mount = ReadOnlyDirectory.Create(_dir.File("data"));
        await using var store = await OpenAsync(Settings(mount.Path), time);

        Assert.NotNull(store.Problem);
        Assert.Contains("writable", store.Problem, StringComparison.Ordinal);
        var pending = store.TryAppend(Draft(MessageKind.Alarm, "waiting"));
        Assert.NotNull(pending);
        Assert.False(pending.IsCompleted);

        mount.MakeWritable();
        time.Advance(TimeSpan.FromSeconds(5));
        var seq = await pending.WaitAsync(TimeSpan.FromSeconds(30), _ct);

        Assert.Equal(1, seq);
        Assert.Null(store.Problem);
    }

    [Fact]
    public async Task A_full_pending_queue_drops_readings_counted_but_still_takes_alarms()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var mount = ReadOnlyDirectory.Create(_dir.File("data"));
        await using var store = await OpenAsync(Settings(mount.Path) with { PendingCapacity = 16 }, time);

        var readings = Enumerable.Range(0, 17).Select(i => store.TryAppend(Draft(MessageKind.Reading, $"r{i}"))).ToList();
        var alarm = store.TryAppend(Draft(MessageKind.Alarm, "alarm"));

        Assert.Equal(16, readings.Count(r => r is not null));
        Assert.Null(readings[^1]);
        Assert.NotNull(alarm);
        Assert.Equal(1, (await store.GetStatsAsync(_ct)).Dropped["dropped.queue_full.reading"]);
        mount.MakeWritable();
        time.Advance(TimeSpan.FromSeconds(5));
        await alarm.WaitAsync(TimeSpan.FromSeconds(30), _ct);
        Assert.Contains("alarm", (await store.ReadAsync(0, 100, _ct)).Select(Tag));
    }

    [Fact]
    public async Task A_corrupt_file_is_moved_aside_and_a_fresh_outbox_does_not_reuse_message_ids()
    {
        await File.WriteAllBytesAsync(_dir.File("outbox.db"), [.. Enumerable.Repeat((byte)0x5A, 8192)], _ct);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));

        await using var store = await OpenAsync(Settings(_dir.Path), time);
        var seq = await store.AppendAsync(Draft(MessageKind.Reading, "fresh"), _ct);

        Assert.Null(store.Problem);
        Assert.Single(Directory.GetFiles(_dir.Path, "outbox.db.corrupt-*"));
        Assert.True(seq > time.GetUtcNow().ToUnixTimeMilliseconds(), "seq restarts above every seq the lost file could have used");
    }
}
