using EdgeGateway.Alarms;
using static EdgeGateway.Tests.Fixtures.AlarmHarness;

namespace EdgeGateway.Tests.Alarms;

public sealed class AlarmBookTests
{
    private readonly AlarmBook _book = new(TimeSpan.FromSeconds(120));
    private readonly List<AlarmTransition> _transitions = [];

    [Fact]
    public void Acknowledging_records_who_and_when_and_the_alarm_stays_visible_until_its_condition_clears()
    {
        var raised = _book.Apply(Apnea(active: true), At(0))!;

        var acknowledged = _book.Acknowledge(raised.AlarmId, "nurse.jones", At(30));

        Assert.NotNull(acknowledged);
        Assert.Equal(AlarmState.Acknowledged, acknowledged.State);
        Assert.Equal("nurse.jones", acknowledged.AcknowledgedBy);
        Assert.Equal(raised.AlarmId, acknowledged.AlarmId);
        Assert.Equal(At(30), acknowledged.Timestamp);
        var active = Assert.Single(_book.Active);
        Assert.Equal(AlarmState.Acknowledged, active.State);
        Assert.Equal("nurse.jones", active.AcknowledgedBy);
        Assert.Equal(At(30), active.AcknowledgedAt);
        Assert.Null(_book.Apply(Apnea(active: true), At(40)));

        var cleared = _book.Apply(Apnea(active: false), At(50))!;
        Assert.Equal(AlarmState.Cleared, cleared.State);
        Assert.Equal(raised.AlarmId, cleared.AlarmId);
        Assert.Empty(_book.Active);
    }

    [Fact]
    public void Acknowledging_an_unknown_or_already_acknowledged_alarm_changes_nothing()
    {
        var raised = _book.Apply(Apnea(active: true), At(0))!;
        _book.Acknowledge(raised.AlarmId, "nurse.jones", At(1));

        Assert.Null(_book.Acknowledge(raised.AlarmId, "nurse.smith", At(2)));
        Assert.Null(_book.Acknowledge("apnea.bed-9.1", "nurse.smith", At(2)));
        Assert.Equal("nurse.jones", _book.Active.Single().AcknowledgedBy);
    }

    [Fact]
    public void A_high_alarm_nobody_acknowledges_escalates_at_each_interval_and_not_one_tick_before()
    {
        var raised = _book.Apply(Apnea(active: true), At(0))!;
        _book.Tick(At(119.75), _transitions);
        Assert.Empty(_transitions);

        _book.Tick(At(120), _transitions);
        _book.Tick(At(239.75), _transitions);
        _book.Tick(At(240), _transitions);

        Assert.Equal(2, _transitions.Count);
        Assert.All(_transitions, t => Assert.Equal((AlarmState.Escalated, raised.AlarmId, AlarmPriority.High), (t.State, t.AlarmId, t.Priority)));
        Assert.Equal([1.0, 2.0], _transitions.Select(t => t.Values["escalationLevel"]));
        Assert.Equal(At(240), _transitions[1].Timestamp);
        Assert.Contains("not acknowledged for 120 s", _transitions[1].Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not acknowledged for 120 s (not", _transitions[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_acknowledged_or_lower_priority_alarm_does_not_escalate_for_want_of_acknowledgement()
    {
        var apnea = _book.Apply(Apnea(active: true), At(0))!;
        _book.Apply(new AlarmCondition("signal_lost", "bed-2", "bed-2", true, AlarmPriority.Low, "weak", new Dictionary<string, double>()), At(0));
        _book.Acknowledge(apnea.AlarmId, "nurse.jones", At(100));

        _book.Tick(At(1000), _transitions);

        Assert.Empty(_transitions);
    }

    [Fact]
    public void A_rule_escalation_raises_the_priority_keeps_the_id_and_needs_a_new_acknowledgement()
    {
        var call = new AlarmCondition("call", "call-1", "call-1", true, AlarmPriority.Medium, "call", new Dictionary<string, double>());
        var raised = _book.Apply(call, At(0))!;
        _book.Acknowledge(raised.AlarmId, "nurse.jones", At(10));

        var escalated = _book.Apply(call with { Priority = AlarmPriority.High, EscalationLevel = 1, Message = "not answered" }, At(60))!;

        Assert.Equal((AlarmState.Escalated, raised.AlarmId, AlarmPriority.High, "not answered"), (escalated.State, escalated.AlarmId, escalated.Priority, escalated.Message));
        var active = _book.Active.Single();
        Assert.Equal((AlarmState.Escalated, 1, null), (active.State, active.EscalationLevel, active.AcknowledgedBy));
        Assert.Null(_book.Apply(call with { Priority = AlarmPriority.High, EscalationLevel = 1 }, At(61)));
    }

    [Fact]
    public void A_re_raise_after_a_clear_is_a_new_alarm_even_in_the_same_millisecond()
    {
        var first = _book.Apply(Apnea(active: true), At(0))!;
        _book.Apply(Apnea(active: false), At(0));
        var second = _book.Apply(Apnea(active: true), At(0))!;

        Assert.NotEqual(first.AlarmId, second.AlarmId);
        Assert.Equal(AlarmState.Raised, second.State);
    }

    [Fact]
    public void The_engine_escalates_unacknowledged_alarms_on_its_ticks()
    {
        var engine = new AlarmEngine([new ApneaRule(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5))], TimeSpan.FromSeconds(60));
        for (var t = 0; t <= 20; t++)
        {
            engine.Process(Vitals("bed-1", t, 70, 0), At(t), _transitions);
        }

        engine.Tick(At(80), _transitions);

        Assert.Equal([AlarmState.Raised, AlarmState.Escalated], _transitions.Select(t => t.State));
    }

    private static AlarmCondition Apnea(bool active) =>
        new(ApneaRule.AlarmType, "bed-1", "bed-1", active, AlarmPriority.High, "no breathing", new Dictionary<string, double> { ["apneaSeconds"] = 20 });
}
