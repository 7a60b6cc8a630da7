using EdgeGateway.Alarms;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.Tests.Fixtures;
using static EdgeGateway.Tests.Fixtures.AlarmHarness;

namespace EdgeGateway.Tests.Alarms;

public sealed class CallEscalationRuleTests
{
    private readonly AlarmHarness _alarms = new(new CallEscalationRule(AlarmPriority.Medium, [TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(180)]));

    [Fact]
    public void A_press_raises_a_medium_call()
    {
        Press(10);

        var raised = _alarms.Single(AlarmState.Raised);
        Assert.Equal(CallEscalationRule.AlarmType, raised.Type);
        Assert.Equal("call-12A", raised.Subject);
        Assert.Equal(AlarmPriority.Medium, raised.Priority);
        Assert.Equal(At(10), raised.RaisedAt);
    }

    [Fact]
    public void An_unanswered_call_escalates_to_high_exactly_at_T1_and_again_at_T2_with_the_same_id()
    {
        Press(10);
        var id = _alarms.Take().Single().AlarmId;

        _alarms.Tick(69.75);
        Assert.Empty(_alarms.Transitions);
        _alarms.Tick(70);
        var first = Assert.Single(_alarms.Take());
        _alarms.Tick(189.75);
        Assert.Empty(_alarms.Transitions);
        _alarms.Tick(190);
        var second = Assert.Single(_alarms.Take());
        _alarms.Tick(1000);

        Assert.Empty(_alarms.Transitions);
        Assert.Equal([AlarmState.Escalated, AlarmState.Escalated], [first.State, second.State]);
        Assert.Equal([id, id], [first.AlarmId, second.AlarmId]);
        Assert.Equal([AlarmPriority.High, AlarmPriority.High], [first.Priority, second.Priority]);
        Assert.Equal([1.0, 2.0], [first.Values["escalationLevel"], second.Values["escalationLevel"]]);
        Assert.Equal(60, first.Values["waitedSeconds"]);
        Assert.Equal(AlarmPriority.High, _alarms.Engine.Book.Active.Single().Priority);
    }

    [Fact]
    public void A_second_press_while_active_is_not_a_second_alarm_and_does_not_restart_the_escalation()
    {
        Press(10);
        Press(40);
        _alarms.Tick(70);

        Assert.Equal([AlarmState.Raised, AlarmState.Escalated], _alarms.Transitions.Select(t => t.State));
        Assert.Equal(1, _alarms.Engine.Book.Count);
    }

    [Fact]
    public void Cancelling_at_the_bedside_clears_it_and_a_new_press_is_a_new_call()
    {
        Press(10);
        _alarms.Tick(70);
        Cancel(75);
        _alarms.Tick(200);
        Press(300);

        var states = _alarms.Transitions.Select(t => t.State).ToList();
        Assert.Equal([AlarmState.Raised, AlarmState.Escalated, AlarmState.Cleared, AlarmState.Raised], states);
        Assert.Equal(65, _alarms.Transitions[2].Values["waitedSeconds"]);
        Assert.Equal(_alarms.Transitions[0].AlarmId, _alarms.Transitions[2].AlarmId);
        Assert.NotEqual(_alarms.Transitions[0].AlarmId, _alarms.Transitions[3].AlarmId);
        Assert.Equal(AlarmPriority.Medium, _alarms.Transitions[3].Priority);
    }

    [Fact]
    public void A_cancel_without_a_call_changes_nothing()
    {
        Cancel(5);

        Assert.Empty(_alarms.Transitions);
    }

    [Fact]
    public void Escalation_times_must_increase()
    {
        Assert.Throws<ArgumentException>(() => new CallEscalationRule(AlarmPriority.Medium, [TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(60)]));
    }

    private void Press(double seconds) => _alarms.Feed(new CallButtonReading("call-12A", At(seconds), CallButtonEvent.Pressed));

    private void Cancel(double seconds) => _alarms.Feed(new CallButtonReading("call-12A", At(seconds), CallButtonEvent.Cancelled));
}
