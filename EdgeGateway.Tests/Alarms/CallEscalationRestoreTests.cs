using EdgeGateway.Alarms;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.Tests.Fixtures;
using static EdgeGateway.Tests.Fixtures.AlarmHarness;

namespace EdgeGateway.Tests.Alarms;

/// <summary>A call across a restart: the same call, escalating on the clock that started at the press.</summary>
public sealed class CallEscalationRestoreTests
{
    private const string Button = "call-12A";

    private readonly AlarmRestartHarness _alarms = new(_ => [new CallEscalationRule(AlarmPriority.Medium, [TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(180)])]);

    [Fact]
    public void A_restored_call_escalates_exactly_at_T1_after_the_press_not_after_the_restart_and_again_at_T2_with_the_same_id()
    {
        var raised = Press(10);

        _alarms.Restart(30);
        _alarms.Tick(69.75);
        Assert.Empty(_alarms.Transitions);
        _alarms.Tick(70);
        var first = Assert.Single(_alarms.Transitions);
        _alarms.Tick(189.75);
        Assert.Single(_alarms.Transitions);
        _alarms.Tick(190);

        Assert.Equal([AlarmState.Escalated, AlarmState.Escalated], _alarms.Transitions.Select(t => t.State));
        Assert.All(_alarms.Transitions, t => Assert.Equal((raised.AlarmId, AlarmPriority.High, At(10)), (t.AlarmId, t.Priority, t.RaisedAt)));
        Assert.Equal([1.0, 2.0], _alarms.Transitions.Select(t => t.Values["escalationLevel"]));
        Assert.Equal(60, first.Values["waitedSeconds"]);
    }

    [Fact]
    public void A_call_whose_T1_passed_while_the_daemon_was_down_escalates_at_the_first_tick_after_the_restart()
    {
        var raised = Press(10);

        _alarms.Restart(100);
        _alarms.Tick(100);

        var escalated = Assert.Single(_alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Escalated, 1.0, 90.0), (escalated.AlarmId, escalated.State, escalated.Values["escalationLevel"], escalated.Values["waitedSeconds"]));
    }

    [Fact]
    public void A_call_escalated_before_the_restart_is_restored_escalated_and_escalates_next_at_T2()
    {
        var raised = Press(10);
        _alarms.Tick(70);

        _alarms.Restart(80);
        var reannounced = Assert.Single(_alarms.Reannounced);
        Assert.Equal((AlarmState.Escalated, AlarmPriority.High, 1.0), (reannounced.State, reannounced.Priority, reannounced.Values["escalationLevel"]));
        for (var t = 80.0; t < 190; t += 0.25)
        {
            _alarms.Tick(t);
        }

        Assert.Empty(_alarms.Transitions);
        _alarms.Tick(190);
        var escalated = Assert.Single(_alarms.Transitions);
        Assert.Equal((raised.AlarmId, 2.0), (escalated.AlarmId, escalated.Values["escalationLevel"]));
    }

    [Fact]
    public void A_second_press_after_the_restart_is_the_same_call_and_a_cancel_clears_it_with_the_same_id()
    {
        var raised = Press(10);

        _alarms.Restart(30);
        Press(35);
        Assert.Empty(_alarms.Transitions);
        _alarms.Feed(new CallButtonReading(Button, At(45), CallButtonEvent.Cancelled));

        var cleared = Assert.Single(_alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Cleared, 35.0), (cleared.AlarmId, cleared.State, cleared.Values["waitedSeconds"]));
        Assert.Empty(_alarms.Engine.Book.Active);
    }

    [Fact]
    public void An_acknowledged_call_is_restored_acknowledged_and_its_escalation_at_T1_still_asks_for_a_new_acknowledgement()
    {
        var raised = Press(10);
        _alarms.Acknowledge(raised.AlarmId, "nurse.jones", 20);

        _alarms.Restart(30);
        Assert.Equal((AlarmState.Acknowledged, "nurse.jones"), (_alarms.Reannounced.Single().State, _alarms.Reannounced.Single().AcknowledgedBy));
        _alarms.Tick(70);

        var escalated = Assert.Single(_alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Escalated), (escalated.AlarmId, escalated.State));
        Assert.Null(Assert.Single(_alarms.Engine.Book.Active).AcknowledgedBy);
    }

    private AlarmTransition Press(double seconds)
    {
        _alarms.Feed(new CallButtonReading(Button, At(seconds), CallButtonEvent.Pressed));
        return _alarms.Transitions.LastOrDefault(t => t.State == AlarmState.Raised)!;
    }
}
