using EdgeGateway.Alarms;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Tests.Fixtures;
using static EdgeGateway.Tests.Fixtures.AlarmHarness;

namespace EdgeGateway.Tests.Alarms;

public sealed class VitalsRuleTests
{
    private static readonly VitalsLimits Ward = new(new AlarmLimits(40, 130, 5), new AlarmLimits(8, 25, 2));

    private readonly AlarmHarness _alarms = new(new VitalsRule(Ward,
        new Dictionary<string, VitalsLimits> { ["bed-athlete"] = Ward with { HeartRateBpm = new AlarmLimits(35, 130, 5) } },
        sustain: TimeSpan.FromSeconds(30), maxGap: TimeSpan.FromSeconds(10), settling: TimeSpan.FromSeconds(90), AlarmPriority.Medium));

    [Fact]
    public void Heart_rate_above_its_limit_for_exactly_the_sustain_time_raises_and_one_reading_before_does_not()
    {
        Settle("bed-1");
        _alarms.EverySecond(100, 129, t => Vitals("bed-1", t, 131, 14));
        Assert.Empty(_alarms.Transitions);

        _alarms.Feed(Vitals("bed-1", 130, 131, 14));

        var raised = _alarms.Single(AlarmState.Raised);
        Assert.Equal(VitalsRule.HeartRateType, raised.Type);
        Assert.Equal(AlarmPriority.Medium, raised.Priority);
        Assert.Equal(131, raised.Values["hrBpm"]);
        Assert.Equal(40, raised.Values["lowBpm"]);
        Assert.Equal(130, raised.Values["highBpm"]);
    }

    [Fact]
    public void A_value_exactly_at_the_limit_is_within_it()
    {
        Settle("bed-1");
        _alarms.EverySecond(100, 200, t => Vitals("bed-1", t, 130, 25));

        Assert.Empty(_alarms.Transitions);
    }

    [Fact]
    public void Flapping_around_the_limit_is_held_by_hysteresis()
    {
        Settle("bed-1");
        _alarms.EverySecond(100, 130, t => Vitals("bed-1", t, 135, 14));
        _alarms.EverySecond(131, 200, t => Vitals("bed-1", t, t % 2 == 0 ? 126 : 133, 14));
        Assert.Single(_alarms.Transitions);

        _alarms.Feed(Vitals("bed-1", 201, 125, 14));

        Assert.Equal(_alarms.Single(AlarmState.Raised).AlarmId, _alarms.Single(AlarmState.Cleared).AlarmId);
        Assert.Equal(125, _alarms.Single(AlarmState.Cleared).Values["hrBpm"]);
    }

    [Fact]
    public void Flapping_across_the_limit_before_the_sustain_time_never_raises()
    {
        Settle("bed-1");
        _alarms.EverySecond(100, 300, t => Vitals("bed-1", t, 70, t % 20 == 0 ? 20 : 30));

        Assert.Empty(_alarms.Transitions);
    }

    [Fact]
    public void Low_respiration_rate_raises_its_own_alarm_but_zero_is_apnea_not_a_low_rate()
    {
        Settle("bed-1");
        _alarms.EverySecond(100, 200, t => Vitals("bed-1", t, 70, 0));
        Assert.Empty(_alarms.Transitions);

        _alarms.EverySecond(201, 231, t => Vitals("bed-1", t, 70, 6));

        var raised = _alarms.Single(AlarmState.Raised);
        Assert.Equal(VitalsRule.RespirationRateType, raised.Type);
        Assert.Equal(6, raised.Values["rrBrpm"]);
        Assert.Equal(At(231), raised.Timestamp);
    }

    [Fact]
    public void Missing_values_are_never_a_vitals_alarm_and_a_short_gap_does_not_restart_the_sustain_time()
    {
        Settle("bed-1");
        _alarms.EverySecond(100, 400, t => Vitals("bed-1", t, null, null, BedStatus.WeakSignal));
        Assert.Empty(_alarms.Transitions);

        _alarms.EverySecond(401, 415, t => Vitals("bed-1", t, 140, 14));
        _alarms.EverySecond(416, 420, t => Vitals("bed-1", t, null, null, BedStatus.Moving));
        _alarms.EverySecond(421, 431, t => Vitals("bed-1", t, 140, 14));

        Assert.Equal(At(431), _alarms.Single(AlarmState.Raised).Timestamp);
    }

    [Fact]
    public void A_gap_longer_than_allowed_restarts_the_sustain_time()
    {
        Settle("bed-1");
        _alarms.EverySecond(100, 120, t => Vitals("bed-1", t, 140, 14));
        _alarms.EverySecond(121, 131, t => Vitals("bed-1", t, null, null, BedStatus.WeakSignal));
        _alarms.EverySecond(132, 161, t => Vitals("bed-1", t, 140, 14));
        Assert.Empty(_alarms.Transitions);

        _alarms.Feed(Vitals("bed-1", 162, 140, 14));

        Assert.Single(_alarms.Transitions);
    }

    [Fact]
    public void Nothing_is_raised_while_the_patient_settles_after_lying_down()
    {
        _alarms.Feed(Vitals("bed-1", 0, null, null, BedStatus.Empty));
        _alarms.EverySecond(1, 90, t => Vitals("bed-1", t, 150, 30));
        Assert.Empty(_alarms.Transitions);

        // Settled at 91 (90 s after lying down at 1): the sustain time starts there.
        _alarms.EverySecond(91, 121, t => Vitals("bed-1", t, 150, 14));

        Assert.Equal(At(121), _alarms.Single(AlarmState.Raised).Timestamp);
    }

    [Fact]
    public void Leaving_the_bed_clears_it_and_lying_down_again_settles_again()
    {
        Settle("bed-1");
        _alarms.EverySecond(100, 130, t => Vitals("bed-1", t, 150, 14));
        _alarms.Feed(Vitals("bed-1", 131, null, null, BedStatus.Empty));
        _alarms.EverySecond(132, 200, t => Vitals("bed-1", t, 150, 14));

        Assert.Equal([AlarmState.Raised, AlarmState.Cleared], _alarms.Transitions.Select(t => t.State));
    }

    [Fact]
    public void A_bed_with_its_own_limits_uses_them()
    {
        Settle("bed-athlete");
        Settle("bed-1");
        for (var t = 100; t <= 140; t++)
        {
            _alarms.Feed(Vitals("bed-athlete", t, 38, 14));
            _alarms.Feed(Vitals("bed-1", t, 38, 14));
        }

        var raised = _alarms.Single(AlarmState.Raised);
        Assert.Equal("bed-1", raised.Subject);
        Assert.Contains("below", raised.Message, StringComparison.Ordinal);
    }

    private void Settle(string bed) => _alarms.EverySecond(0, 99, t => Vitals(bed, t, 70, 14));
}
