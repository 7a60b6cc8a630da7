using EdgeGateway.Alarms;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Tests.Fixtures;
using static EdgeGateway.Tests.Fixtures.AlarmHarness;

namespace EdgeGateway.Tests.Alarms;

public sealed class BedExitRuleTests
{
    private readonly BedExitRule _rule = new(TimeSpan.FromSeconds(10), AlarmPriority.Medium);
    private readonly AlarmHarness _alarms;

    public BedExitRuleTests() => _alarms = new AlarmHarness(_rule);

    [Fact]
    public void Bed_exit_is_raised_when_the_patient_has_been_out_exactly_the_delay()
    {
        _alarms.Feed(Vitals("bed-1", 0, 70, 14));
        _alarms.Feed(Vitals("bed-1", 1, null, null, BedStatus.Empty));
        _alarms.Tick(10.75);
        Assert.Empty(_alarms.Transitions);

        _alarms.Tick(11);

        var raised = _alarms.Single(AlarmState.Raised);
        Assert.Equal(BedExitRule.AlarmType, raised.Type);
        Assert.Equal(AlarmPriority.Medium, raised.Priority);
        Assert.Equal(10, raised.Values["outOfBedSeconds"]);
        Assert.Equal(10, raised.Values["delaySeconds"]);
    }

    [Fact]
    public void Back_in_bed_within_the_delay_raises_nothing_and_back_after_it_clears()
    {
        _alarms.Feed(Vitals("bed-1", 0, 70, 14));
        _alarms.Feed(Vitals("bed-1", 1, null, null, BedStatus.Empty));
        _alarms.Feed(Vitals("bed-1", 10, null, null, BedStatus.Moving));
        _alarms.Tick(30);
        Assert.Empty(_alarms.Transitions);

        _alarms.Feed(Vitals("bed-1", 31, null, null, BedStatus.Empty));
        _alarms.Tick(41);
        _alarms.Feed(Vitals("bed-1", 45, null, null, BedStatus.WeakSignal));

        var cleared = _alarms.Single(AlarmState.Cleared);
        Assert.Equal(_alarms.Single(AlarmState.Raised).AlarmId, cleared.AlarmId);
        Assert.Equal(14, cleared.Values["outOfBedSeconds"]);
    }

    [Fact]
    public void A_bed_never_occupied_raises_nothing()
    {
        _alarms.EverySecond(0, 60, t => Vitals("bed-1", t, null, null, BedStatus.Empty));
        _alarms.Tick(61);

        Assert.Empty(_alarms.Transitions);
    }

    [Fact]
    public void A_disarmed_bed_raises_nothing_and_arming_an_empty_bed_waits_for_the_patient()
    {
        _rule.SetArmed("bed-1", armed: false);
        _alarms.Feed(Vitals("bed-1", 0, 70, 14));
        _alarms.Feed(Vitals("bed-1", 1, null, null, BedStatus.Empty));
        _alarms.Tick(30);
        _rule.SetArmed("bed-1", armed: true);
        _alarms.Tick(60);
        Assert.Empty(_alarms.Transitions);
        Assert.True(_rule.IsArmed("bed-1"));

        _alarms.Feed(Vitals("bed-1", 70, 70, 14));
        _alarms.Feed(Vitals("bed-1", 71, null, null, BedStatus.Empty));
        _alarms.Tick(81);

        Assert.Equal(At(81), _alarms.Single(AlarmState.Raised).Timestamp);
    }

    [Fact]
    public void Disarming_clears_an_active_bed_exit_at_the_next_tick()
    {
        _alarms.Feed(Vitals("bed-1", 0, 70, 14));
        _alarms.Feed(Vitals("bed-1", 1, null, null, BedStatus.Empty));
        _alarms.Tick(11);
        _rule.SetArmed("bed-1", armed: false);
        _alarms.Tick(11.25);

        Assert.Equal([AlarmState.Raised, AlarmState.Cleared], _alarms.Transitions.Select(t => t.State));
        Assert.False(_rule.IsArmed("bed-1"));
        Assert.True(_rule.IsArmed("bed-2"));
    }
}
