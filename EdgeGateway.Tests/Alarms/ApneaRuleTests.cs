using EdgeGateway.Alarms;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Tests.Fixtures;
using static EdgeGateway.Tests.Fixtures.AlarmHarness;

namespace EdgeGateway.Tests.Alarms;

public sealed class ApneaRuleTests
{
    private readonly AlarmHarness _alarms = new(new ApneaRule(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)));

    [Fact]
    public void Apnea_is_raised_after_exactly_20_s_without_breathing_and_not_one_reading_before()
    {
        _alarms.Feed(Vitals("bed-1", 0, 70, 14));
        _alarms.EverySecond(1, 20, t => Vitals("bed-1", t, 70, 0));
        Assert.Empty(_alarms.Transitions);

        _alarms.Feed(Vitals("bed-1", 21, 70, 0));

        var raised = _alarms.Single(AlarmState.Raised);
        Assert.Equal(At(21), raised.Timestamp);
        Assert.Equal(ApneaRule.AlarmType, raised.Type);
        Assert.Equal(AlarmPriority.High, raised.Priority);
        Assert.Equal("bed-1", raised.Subject);
        Assert.Equal(20, raised.Values["apneaSeconds"]);
        Assert.Equal(20, raised.Values["limitSeconds"]);
    }

    [Fact]
    public void The_time_is_counted_from_the_first_reading_without_breath()
    {
        _alarms.EverySecond(0, 19.5, t => Vitals("bed-1", t, 70, 0));
        Assert.Empty(_alarms.Transitions);

        _alarms.Feed(Vitals("bed-1", 20, 70, 0));

        Assert.Equal(At(20), _alarms.Single(AlarmState.Raised).Timestamp);
    }

    [Fact]
    public void Missing_respiration_is_not_apnea()
    {
        _alarms.EverySecond(0, 120, t => Vitals("bed-1", t, null, null, BedStatus.WeakSignal));
        _alarms.EverySecond(121, 240, t => Vitals("bed-1", t, null, null));
        _alarms.Tick(241);

        Assert.Empty(_alarms.Transitions);
    }

    [Fact]
    public void A_single_missing_epoch_in_an_apnea_is_tolerated_but_a_long_gap_restarts_the_count()
    {
        _alarms.EverySecond(0, 9, t => Vitals("bed-1", t, 70, 0));
        _alarms.Feed(Vitals("bed-1", 10, null, null, BedStatus.WeakSignal));
        _alarms.EverySecond(11, 20, t => Vitals("bed-1", t, 70, 0));
        Assert.Equal(At(20), _alarms.Single(AlarmState.Raised).Timestamp);

        var other = new AlarmHarness(new ApneaRule(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)));
        other.EverySecond(0, 9, t => Vitals("bed-1", t, 70, 0));
        other.EverySecond(10, 15, t => Vitals("bed-1", t, null, null, BedStatus.WeakSignal));
        other.EverySecond(16, 35, t => Vitals("bed-1", t, 70, 0));
        Assert.Empty(other.Transitions);
        other.Feed(Vitals("bed-1", 36, 70, 0));
        Assert.Equal(At(36), other.Single(AlarmState.Raised).Timestamp);
    }

    [Fact]
    public void A_breath_or_movement_restarts_the_count()
    {
        _alarms.EverySecond(0, 15, t => Vitals("bed-1", t, 70, 0));
        _alarms.Feed(Vitals("bed-1", 16, 70, 12));
        _alarms.EverySecond(17, 30, t => Vitals("bed-1", t, 70, 0));
        _alarms.Feed(Vitals("bed-1", 31, null, null, BedStatus.Moving));
        _alarms.EverySecond(32, 51, t => Vitals("bed-1", t, 70, 0));

        Assert.Empty(_alarms.Transitions);
    }

    [Fact]
    public void An_empty_bed_is_not_apnea()
    {
        _alarms.EverySecond(0, 60, t => Vitals("bed-1", t, null, null, BedStatus.Empty));

        Assert.Empty(_alarms.Transitions);
    }

    [Fact]
    public void It_clears_only_after_breathing_was_measured_for_the_hold_time()
    {
        _alarms.EverySecond(0, 25, t => Vitals("bed-1", t, 70, 0));
        var raised = _alarms.Single(AlarmState.Raised);

        _alarms.EverySecond(26, 30, t => Vitals("bed-1", t, 70, 10));
        _alarms.Feed(Vitals("bed-1", 31, 70, 0));
        _alarms.EverySecond(32, 41, t => Vitals("bed-1", t, 70, 10));
        _alarms.Tick(41.75);
        Assert.DoesNotContain(_alarms.Transitions, t => t.State == AlarmState.Cleared);

        _alarms.Tick(42);

        var cleared = _alarms.Single(AlarmState.Cleared);
        Assert.Equal(raised.AlarmId, cleared.AlarmId);
        Assert.Equal(At(42), cleared.Timestamp);
        Assert.Equal(32, cleared.Values["apneaSeconds"]);
    }

    [Fact]
    public void It_clears_when_the_bed_is_empty()
    {
        _alarms.EverySecond(0, 20, t => Vitals("bed-1", t, 70, 0));
        _alarms.Feed(Vitals("bed-1", 21, null, null, BedStatus.Empty));

        Assert.Equal(_alarms.Single(AlarmState.Raised).AlarmId, _alarms.Single(AlarmState.Cleared).AlarmId);
    }

    [Fact]
    public void Beds_are_independent()
    {
        for (var t = 0; t <= 20; t++)
        {
            _alarms.Feed(Vitals("bed-1", t, 70, 0));
            _alarms.Feed(Vitals("bed-2", t, 70, 12));
        }

        Assert.Equal("bed-1", _alarms.Single(AlarmState.Raised).Subject);
    }
}
