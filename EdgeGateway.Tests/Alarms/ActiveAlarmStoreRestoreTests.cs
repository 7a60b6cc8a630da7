using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.Alarms;
using EdgeGateway.Outbox;
using EdgeGateway.Telemetry;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using static EdgeGateway.Tests.Fixtures.AlarmHarness;
using static EdgeGateway.Tests.Fixtures.OutboxFixture;

namespace EdgeGateway.Tests.Alarms;

/// <summary>outbox.db's active_alarms table: written with each alarm message, read back at start, and consistent with the messages after SIGKILL.</summary>
public sealed class ActiveAlarmStoreRestoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly TelemetryWriter _telemetry = new("gw-test", null, []);

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task The_stored_active_alarms_match_the_book_after_raise_escalate_acknowledge_and_clear_and_after_reopening()
    {
        var book = new AlarmBook(TimeSpan.FromSeconds(120));
        await using (var store = await OpenAsync(Settings(_dir.Path)))
        {
            var apnea = await AppendAsync(store, book.Apply(Condition("apnea", "bed-1", active: true), At(0))!);
            var call = await AppendAsync(store, book.Apply(Condition("call", "call-1", active: true), At(1))!);
            await AssertStoredAsync(store, book);

            var escalated = new List<AlarmTransition>();
            book.Tick(At(120), escalated);
            await AppendAsync(store, Assert.Single(escalated));
            await AssertStoredAsync(store, book);

            await AppendAsync(store, book.Acknowledge(apnea.AlarmId, "nurse.jones (uid 1001)", At(130))!);
            await AssertStoredAsync(store, book);

            await AppendAsync(store, book.Apply(Condition("call", "call-1", active: false), At(140))!);
            await AssertStoredAsync(store, book);
            Assert.DoesNotContain(await store.LoadActiveAlarmsAsync(_ct), s => s.Alarm.AlarmId == call.AlarmId);
        }

        await using var reopened = await OpenAsync(Settings(_dir.Path));
        var stored = Assert.Single(await reopened.LoadActiveAlarmsAsync(_ct));
        var alarm = stored.Alarm;
        Assert.Equal(("apnea", "bed-1", "bed-1", AlarmPriority.High, AlarmState.Acknowledged, At(0), 1),
            (alarm.Type, alarm.Subject, alarm.DeviceId, alarm.Priority, alarm.State, alarm.RaisedAt, alarm.EscalationLevel));
        Assert.Equal(("nurse.jones (uid 1001)", (DateTimeOffset?)At(130), At(120), "apnea on bed-1"), (alarm.AcknowledgedBy, alarm.AcknowledgedAt, stored.AnnouncedAt, stored.RuleMessage));
        Assert.Equal(new Dictionary<string, double> { ["seconds"] = 20, ["escalationLevel"] = 1 }, alarm.Values);
    }

    [Fact]
    public async Task An_outbox_file_from_before_the_table_gains_it_on_open_and_keeps_its_messages()
    {
        // The schema of outbox.db before active alarms were kept, with one message queued.
        await using (var old = new SqliteConnection($"Data Source={_dir.File("outbox.db")};Pooling=False"))
        {
            await old.OpenAsync(_ct);
            await using var create = old.CreateCommand();
            create.CommandText = """
                PRAGMA journal_mode=WAL;
                CREATE TABLE messages(seq INTEGER PRIMARY KEY, id TEXT NOT NULL, kind INTEGER NOT NULL, device_id TEXT, priority INTEGER, ts_ms INTEGER NOT NULL, bytes INTEGER NOT NULL, payload BLOB NOT NULL);
                CREATE INDEX messages_by_kind ON messages(kind, seq);
                CREATE TABLE outbox_state(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
                CREATE TABLE dead_letters(seq INTEGER PRIMARY KEY, id TEXT NOT NULL, kind INTEGER NOT NULL, device_id TEXT, priority INTEGER, ts_ms INTEGER NOT NULL, bytes INTEGER NOT NULL, payload BLOB NOT NULL, reason TEXT NOT NULL, refusals INTEGER NOT NULL, dead_ms INTEGER NOT NULL);
                INSERT INTO messages VALUES(41, 'gw-test:41', 0, 'dev-1', NULL, 1795507200000, 3, x'7B7D0A');
                INSERT INTO outbox_state VALUES('next_seq', 42);
                """;
            await create.ExecuteNonQueryAsync(_ct);
        }

        await using var store = await OpenAsync(Settings(_dir.Path));
        Assert.Empty(await store.LoadActiveAlarmsAsync(_ct));
        var raised = new AlarmBook().Apply(Condition("apnea", "bed-1", active: true), At(0))!;
        var seq = await store.AppendAsync(_telemetry.AlarmDraft(raised), _ct);

        Assert.Equal(42, seq);
        Assert.Equal([41L, 42L], (await store.ReadAsync(0, 10, _ct)).Select(r => r.Seq));
        Assert.Equal(raised.AlarmId, Assert.Single(await store.LoadActiveAlarmsAsync(_ct)).Alarm.AlarmId);
    }

    [Fact]
    public async Task The_stored_active_alarms_agree_with_the_alarm_messages_after_SIGKILL_at_random_points_across_5_crashes()
    {
        var random = new Random(20261125);
        for (var round = 0; round < 5; round++)
        {
            var killAfter = random.Next(1, 200);
            await RunChildUntilKilledAsync(killAfter);

            await using var store = await OpenAsync(Settings(_dir.Path));
            var lastState = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var record in (await store.ReadAsync(0, int.MaxValue, _ct)).Where(r => r.Kind == MessageKind.Alarm))
            {
                using var message = JsonDocument.Parse(record.Payload);
                var data = message.RootElement.GetProperty("data");
                lastState[data.GetProperty("alarmId").GetString()!] = data.GetProperty("state").GetString()!;
            }

            var expected = lastState.Where(s => s.Value != "cleared").ToDictionary(s => s.Key, s => s.Value);
            var stored = (await store.LoadActiveAlarmsAsync(_ct)).ToDictionary(s => s.Alarm.AlarmId, s => TelemetryWriter.StateName(s.Alarm.State));
            Assert.True(lastState.Count > 0, $"round {round}: no alarm message was stored");
            Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), stored.OrderBy(s => s.Key, StringComparer.Ordinal));
        }
    }

    private async Task<AlarmTransition> AppendAsync(OutboxStore store, AlarmTransition transition)
    {
        await store.AppendAsync(_telemetry.AlarmDraft(transition), _ct);
        return transition;
    }

    private async Task AssertStoredAsync(OutboxStore store, AlarmBook book)
    {
        var stored = (await store.LoadActiveAlarmsAsync(_ct)).Select(s => s.Alarm).OrderBy(a => a.AlarmId, StringComparer.Ordinal).ToList();
        var active = book.Active.OrderBy(a => a.AlarmId, StringComparer.Ordinal).ToList();
        Assert.Equal(active.Select(Comparable), stored.Select(Comparable));
    }

    private static string Comparable(ActiveAlarm alarm) =>
        string.Create(CultureInfo.InvariantCulture, $"{alarm with { Values = new Dictionary<string, double>() }} values {string.Join(',', alarm.Values.OrderBy(v => v.Key, StringComparer.Ordinal))}");

    private static AlarmCondition Condition(string type, string subject, bool active) =>
        new(type, subject, subject, active, type == "apnea" ? AlarmPriority.High : AlarmPriority.Medium, $"{type} on {subject}", new Dictionary<string, double> { ["seconds"] = 20 });

    private async Task RunChildUntilKilledAsync(int killAfter)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "EdgeGateway.Tests.dll"), ActiveAlarmCrashChild.Flag, _dir.Path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var child = Process.Start(start)!;
        var groups = 0;
        try
        {
            while (groups < killAfter && await child.StandardOutput.ReadLineAsync(_ct) is { } line)
            {
                groups += line.StartsWith("durable ", StringComparison.Ordinal) ? 1 : 0;
            }
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(_ct);
        }

        Assert.True(groups >= killAfter, $"the child made only {groups} groups durable: {await child.StandardError.ReadToEndAsync(_ct)}");
    }
}
