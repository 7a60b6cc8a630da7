using EdgeGateway.Alarms;
using EdgeGateway.Tests.Fixtures;
using static EdgeGateway.Tests.Fixtures.AlarmHarness;

namespace EdgeGateway.Tests.Alarms;

/// <summary>The book's side of a restart: ids, the wait for an acknowledgement, rules gone from the configuration.</summary>
public sealed class AlarmEngineRestoreTests
{
    private const string Bed = "bed-1";

    [Fact]
    public void A_restored_high_alarm_nobody_acknowledged_escalates_on_the_interval_from_its_raise_not_from_the_restart()
    {
        var alarms = Apnea(TimeSpan.FromSeconds(120));
        var raised = ApneaRaisedAt20(alarms);

        alarms.Restart(60);
        for (var t = 60.0; t < 140; t += 0.25)
        {
            alarms.Tick(t);
        }

        Assert.Empty(alarms.Transitions);
        alarms.Tick(140);
        var escalated = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Escalated, 1.0), (escalated.AlarmId, escalated.State, escalated.Values["escalationLevel"]));
    }

    [Fact]
    public void A_restored_escalation_keeps_its_level_and_the_next_one_comes_an_interval_after_it()
    {
        var alarms = Apnea(TimeSpan.FromSeconds(120));
        var raised = ApneaRaisedAt20(alarms);
        alarms.Tick(140);

        alarms.Restart(150);
        var restored = Assert.Single(alarms.Engine.Book.Active);
        alarms.Tick(259.75);
        Assert.Empty(alarms.Transitions);
        alarms.Tick(260);

        Assert.Equal((raised.AlarmId, AlarmState.Escalated, 1), (restored.AlarmId, restored.State, restored.EscalationLevel));
        Assert.Equal(2.0, Assert.Single(alarms.Transitions).Values["escalationLevel"]);
    }

    [Fact]
    public void A_restored_acknowledged_high_alarm_does_not_escalate_for_want_of_an_acknowledgement()
    {
        var alarms = Apnea(TimeSpan.FromSeconds(120));
        var raised = ApneaRaisedAt20(alarms);
        alarms.Acknowledge(raised.AlarmId, "nurse.jones", 30);

        alarms.Restart(60);
        alarms.Quiet(60, 600);

        Assert.Empty(alarms.Transitions);
        Assert.Equal(AlarmState.Acknowledged, Assert.Single(alarms.Engine.Book.Active).State);
    }

    [Fact]
    public void A_restored_alarm_whose_rule_was_disabled_is_cleared_at_start_with_the_reason()
    {
        var alarms = Apnea(null);
        var raised = ApneaRaisedAt20(alarms);

        alarms.Restart(60, rules: _ => []);

        Assert.Empty(alarms.Reannounced);
        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Cleared, At(60), At(20)), (cleared.AlarmId, cleared.State, cleared.Timestamp, cleared.RaisedAt));
        Assert.Equal("apnea on bed-1 cleared after a restart: apnea alarms are no longer enabled in the configuration", cleared.Message);
        Assert.Null(cleared.Stored);
        Assert.Empty(alarms.Stored);
    }

    [Fact]
    public void An_alarm_raised_after_a_restored_one_cleared_gets_a_new_id()
    {
        var alarms = Apnea(null);
        var raised = ApneaRaisedAt20(alarms);

        alarms.Restart(60);
        alarms.EverySecond(61, 71, t => Vitals(Bed, t, 60, 12));
        alarms.EverySecond(72, 92, t => Vitals(Bed, t, 60, 0));

        Assert.Equal([AlarmState.Cleared, AlarmState.Raised], alarms.Transitions.Select(t => t.State));
        Assert.Equal(raised.AlarmId, alarms.Transitions[0].AlarmId);
        Assert.NotEqual(raised.AlarmId, alarms.Transitions[1].AlarmId);
    }

    [Fact]
    public void Of_two_stored_alarms_on_the_same_subject_the_newer_is_restored_and_the_older_cleared()
    {
        var engine = new AlarmEngine([new ApneaRule(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5))], null);
        var older = StoredApnea("apnea.bed-1.1795507200000", At(0));
        var newer = StoredApnea("apnea.bed-1.1795507260000", At(60));
        var reannounced = new List<AlarmTransition>();
        var transitions = new List<AlarmTransition>();

        engine.Restore([older, newer], new HashSet<string> { Bed }, At(100), reannounced, transitions);

        Assert.Equal(newer.Alarm.AlarmId, Assert.Single(reannounced).AlarmId);
        var cleared = Assert.Single(transitions);
        Assert.Equal(older.Alarm.AlarmId, cleared.AlarmId);
        Assert.EndsWith("a newer alarm on the same subject was restored", cleared.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_transition_carries_the_alarm_as_it_stands_after_it_and_a_clear_carries_none()
    {
        var alarms = Apnea(TimeSpan.FromSeconds(120));
        var raised = ApneaRaisedAt20(alarms);
        alarms.Tick(140);
        alarms.Acknowledge(raised.AlarmId, "nurse.jones", 150);
        alarms.EverySecond(151, 161, t => Vitals(Bed, t, 60, 12));

        var stored = alarms.Transitions.Select(t => t.Stored).ToList();

        Assert.Equal([AlarmState.Raised, AlarmState.Escalated, AlarmState.Acknowledged, AlarmState.Cleared], alarms.Transitions.Select(t => t.State));
        Assert.Equal((AlarmState.Raised, 0, At(20)), (stored[0]!.Alarm.State, stored[0]!.Alarm.EscalationLevel, stored[0]!.AnnouncedAt));
        Assert.Equal((AlarmState.Escalated, 1, At(140)), (stored[1]!.Alarm.State, stored[1]!.Alarm.EscalationLevel, stored[1]!.AnnouncedAt));
        Assert.Equal((AlarmState.Acknowledged, "nurse.jones", (DateTimeOffset?)At(150), At(140)), (stored[2]!.Alarm.State, stored[2]!.Alarm.AcknowledgedBy, stored[2]!.Alarm.AcknowledgedAt, stored[2]!.AnnouncedAt));
        Assert.Equal("no breathing detected on bed-1 for 20 s", stored[2]!.RuleMessage);
        Assert.Null(stored[3]);
    }

    private static AlarmRestartHarness Apnea(TimeSpan? unacknowledgedEscalation) =>
        new(_ => [new ApneaRule(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5))], unacknowledgedEscalation);

    private static AlarmTransition ApneaRaisedAt20(AlarmRestartHarness alarms)
    {
        alarms.EverySecond(0, 20, t => Vitals(Bed, t, 60, 0));
        var raised = alarms.Single(AlarmState.Raised);
        Assert.Equal(At(20), raised.RaisedAt);
        return raised;
    }

    private static StoredAlarm StoredApnea(string alarmId, DateTimeOffset raisedAt) =>
        new(new ActiveAlarm(alarmId, ApneaRule.AlarmType, Bed, Bed, AlarmPriority.High, AlarmState.Raised, raisedAt, "no breathing",
            new Dictionary<string, double> { ["apneaSeconds"] = 20, ["limitSeconds"] = 20 }), raisedAt, "no breathing");
}
