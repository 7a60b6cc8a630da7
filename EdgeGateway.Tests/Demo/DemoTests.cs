using EdgeGateway.Admin;
using EdgeGateway.Demo;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Demo;

/// <summary>
/// The built <c>edgegw demo --duration 60s --json --seed 7</c>, run twice side by side (issue 8): the compressed
/// ward day raises and clears every alarm kind, escalates and acknowledges as a ward does, on every device
/// family, and plays the same day for the same seed.
/// </summary>
public sealed class DemoTests(DemoRuns runs) : IClassFixture<DemoRuns>
{
    private static readonly string[] States = ["raised", "escalated", "acknowledged", "cleared"];
    private readonly DemoRun _run = runs.First;

    [Fact]
    public void Both_runs_stop_by_themselves_with_exit_code_0_and_a_closing_summary()
    {
        Assert.True(runs.First.ExitCode == 0, $"first run: exit code {runs.First.ExitCode}; it printed last:\n{string.Join('\n', runs.First.LogLines.TakeLast(40))}");
        Assert.True(runs.Second.ExitCode == 0, $"second run: exit code {runs.Second.ExitCode}; it printed last:\n{string.Join('\n', runs.Second.LogLines.TakeLast(40))}");
        Assert.Single(runs.First.OfKind("summary"));
        Assert.Single(runs.Second.OfKind("summary"));
    }

    [Fact]
    public void Every_alarm_kind_is_raised_and_cleared_on_the_first_day()
    {
        var missing = DemoSummary.AlarmKinds
            .SelectMany(kind => States.Where(s => s is "raised" or "cleared").Select(state => (kind, state)))
            .Where(k => !_run.FirstDayAlarms.Any(a => DemoRun.Text(a, "type") == k.kind && DemoRun.Text(a, "state") == k.state))
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public void A_call_nobody_answers_escalates_twice_and_an_unacknowledged_apnea_escalates()
    {
        var call = Lifecycle(DemoWard.CallButtonId, "call");
        var apnea = Lifecycle(DemoWard.BedId, "apnea");

        Assert.Equal(["raised", "escalated", "escalated", "acknowledged", "cleared"], call);
        Assert.Equal(["raised", "escalated", "acknowledged", "cleared"], apnea);
        var escalation = _run.FirstDayAlarms.Single(a => DemoRun.Text(a, "type") == "apnea" && DemoRun.Text(a, "state") == "escalated");
        Assert.Equal("high", DemoRun.Text(escalation, "priority"));
        Assert.Contains("not acknowledged for", DemoRun.Text(escalation, "message"), StringComparison.Ordinal);
        Assert.Equal(1, escalation.GetProperty("values").GetProperty("escalationLevel").GetInt32());
    }

    [Fact]
    public void Nurses_acknowledge_six_kinds_over_the_admin_socket_which_records_who()
    {
        var who = UnixAccounts.Describe(UnixAccounts.EffectiveUid());
        var acknowledged = _run.FirstDayAlarms.Where(a => DemoRun.Text(a, "state") == "acknowledged").ToList();

        Assert.Equal(["lot_expired", "pipe_burst", "call", "apnea", "hr_out_of_range", "bed_exit"], acknowledged.Select(a => DemoRun.Text(a, "type")));
        Assert.All(acknowledged, a => Assert.Equal(who, DemoRun.Text(a, "acknowledgedBy")));
    }

    [Fact]
    public void An_acknowledged_alarm_stays_until_its_condition_clears()
    {
        foreach (var (subject, type) in new[] { (DemoWard.BedId, "apnea"), ("store-room-3A.80614141123458.S2312", "lot_expired"), (DemoWard.SecondBedId, "hr_out_of_range") })
        {
            var lifecycle = _run.FirstDayAlarms.Where(a => DemoRun.Text(a, "subject") == subject && DemoRun.Text(a, "type") == type).ToList();
            var acknowledgedAt = lifecycle.Single(a => DemoRun.Text(a, "state") == "acknowledged").GetProperty("t").GetDouble();
            var clearedAt = lifecycle.Single(a => DemoRun.Text(a, "state") == "cleared").GetProperty("t").GetDouble();

            Assert.Single(lifecycle.Select(a => DemoRun.Text(a, "alarmId")).Distinct());
            Assert.InRange(clearedAt - acknowledgedAt, 1.0, 30.0);
        }
    }

    [Fact]
    public void Acknowledging_the_high_priority_alarms_stops_the_buzzer()
    {
        var timeline = _run.Events.TakeWhile(e => !(DemoRun.Kind(e) == "note" && DemoRun.Text(e, "message").StartsWith("Day 2 ", StringComparison.Ordinal)))
            .Where(e => DemoRun.Kind(e) is "alarm" or "relay").ToList();
        var switches = timeline.Select((e, i) => (e, i)).Where(x => DemoRun.Kind(x.e) == "relay").ToList();

        Assert.Equal([true, false, true, false, true, false], switches.Select(s => s.e.GetProperty("on").GetBoolean()));
        Assert.All(switches, s =>
        {
            var cause = timeline[s.i - 1];
            Assert.Equal("high", DemoRun.Text(cause, "priority"));
            Assert.Equal(s.e.GetProperty("on").GetBoolean() ? "raised" : "acknowledged", DemoRun.Text(cause, "state"));
        });
    }

    [Fact]
    public void Every_device_sends_readings_on_its_own_transport()
    {
        var readings = _run.OfKind("reading").Select(r => $"{DemoRun.Text(r, "device")} {DemoRun.Text(r.GetProperty("data"), "type")}").Distinct().Order(StringComparer.Ordinal);

        Assert.Equal(
            [
                $"{DemoWard.BedId} vitals", $"{DemoWard.SecondBedId} vitals", $"{DemoWard.MqttCallButtonId} call", $"{DemoWard.CallButtonId} call",
                $"{DemoWard.OxygenId} pressure", $"{DemoWard.DownstreamId} pressure", $"{DemoWard.UpstreamId} pressure", $"{DemoWard.StoreRoomReaderId} rfid",
            ],
            readings);
    }

    [Fact]
    public void Nothing_is_logged_at_error_or_critical_and_the_script_saw_every_alarm_it_caused()
    {
        Assert.DoesNotContain(_run.LogLines.Concat(runs.Second.LogLines), l => l.Contains(" fail: ", StringComparison.Ordinal) || l.Contains(" crit: ", StringComparison.Ordinal));
        Assert.DoesNotContain(_run.OfKind("note"), n => DemoRun.Text(n, "message").Contains("the script expected", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_seed_plays_the_same_day()
    {
        static IEnumerable<string> Sequence(DemoRun run) =>
            run.FirstDayAlarms.Select(a => $"{DemoRun.Text(a, "type")} {DemoRun.Text(a, "subject")} {DemoRun.Text(a, "state")}");

        Assert.Equal(35, Sequence(runs.First).Count());
        Assert.Equal(Sequence(runs.First), Sequence(runs.Second));
    }

    [Fact]
    public void The_summary_counts_every_transition_and_every_one_reached_the_cloud()
    {
        var summary = _run.OfKind("summary").Single();
        var alarms = _run.OfKind("alarm").ToList();

        foreach (var kind in summary.GetProperty("alarms").EnumerateArray())
        {
            var type = DemoRun.Text(kind, "type");
            var ofType = alarms.Where(a => DemoRun.Text(a, "type") == type).ToList();
            foreach (var state in States)
            {
                Assert.Equal(ofType.Count(a => DemoRun.Text(a, "state") == state), kind.GetProperty(state).GetInt32());
            }

            Assert.Equal(ofType.Count, kind.GetProperty("atCloud").GetInt32());
        }

        Assert.Equal(alarms.Count, summary.GetProperty("transitions").GetInt32());
        Assert.Equal(alarms.Count, summary.GetProperty("cloud").GetProperty("alarms").GetInt32());
    }

    private List<string> Lifecycle(string subject, string type) =>
        [.. _run.FirstDayAlarms.Where(a => DemoRun.Text(a, "subject") == subject && DemoRun.Text(a, "type") == type).Select(a => DemoRun.Text(a, "state"))];
}
