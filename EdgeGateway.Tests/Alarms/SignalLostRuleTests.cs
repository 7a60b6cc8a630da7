using EdgeGateway.Alarms;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Tests.Fixtures;
using static EdgeGateway.Tests.Fixtures.AlarmHarness;

namespace EdgeGateway.Tests.Alarms;

public sealed class SignalLostRuleTests
{
    private readonly AlarmHarness _alarms = new(
        new SignalLostRule(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(60), AlarmPriority.Low),
        new ApneaRule(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5)),
        new VitalsRule(new VitalsLimits(new AlarmLimits(40, 130, 5), new AlarmLimits(8, 25, 2)), new Dictionary<string, VitalsLimits>(),
            TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60), AlarmPriority.Medium));

    [Fact]
    public void A_weak_signal_for_exactly_the_hold_time_is_signal_lost_low_priority_and_not_apnea_or_vitals()
    {
        Settle();
        _alarms.EverySecond(100, 129, t => Vitals("bed-1", t, null, null, BedStatus.WeakSignal, signal: 3));
        Assert.Empty(_alarms.Transitions);

        _alarms.EverySecond(130, 300, t => Vitals("bed-1", t, null, null, BedStatus.WeakSignal, signal: 3));

        var raised = Assert.Single(_alarms.Transitions);
        Assert.Equal(SignalLostRule.AlarmType, raised.Type);
        Assert.Equal(AlarmPriority.Low, raised.Priority);
        Assert.Equal(At(130), raised.Timestamp);
        Assert.Equal(30, raised.Values["lostSeconds"]);
        Assert.Equal(3, raised.Values["signalStrength"]);
    }

    [Fact]
    public void Null_rates_at_rest_are_signal_lost_not_apnea()
    {
        Settle();
        _alarms.EverySecond(100, 200, t => Vitals("bed-1", t, 70, null));

        Assert.Equal([SignalLostRule.AlarmType], _alarms.Transitions.Select(t => t.Type));
    }

    [Fact]
    public void A_sensor_losing_a_fraction_of_its_epochs_does_not_raise_it()
    {
        Settle();
        _alarms.EverySecond(100, 400, t => t % 10 == 0 ? Vitals("bed-1", t, 70, 14) : Vitals("bed-1", t, null, null, BedStatus.WeakSignal));

        Assert.Empty(_alarms.Transitions);
    }

    [Fact]
    public void Moving_is_not_a_lost_signal()
    {
        Settle();
        _alarms.EverySecond(100, 200, t => Vitals("bed-1", t, null, null, BedStatus.Moving));

        Assert.Empty(_alarms.Transitions);
    }

    [Fact]
    public void The_first_good_reading_clears_it()
    {
        Settle();
        _alarms.EverySecond(100, 130, t => Vitals("bed-1", t, null, null, BedStatus.WeakSignal));
        _alarms.Feed(Vitals("bed-1", 131, 70, 14));

        var cleared = _alarms.Single(AlarmState.Cleared);
        Assert.Equal(_alarms.Single(AlarmState.Raised).AlarmId, cleared.AlarmId);
        Assert.Equal(31, cleared.Values["lostSeconds"]);
    }

    [Fact]
    public void A_weak_signal_while_the_patient_settles_raises_nothing()
    {
        _alarms.Feed(Vitals("bed-1", 0, null, null, BedStatus.Empty));
        _alarms.EverySecond(1, 60, t => Vitals("bed-1", t, null, null, BedStatus.WeakSignal));
        Assert.Empty(_alarms.Transitions);

        _alarms.EverySecond(61, 91, t => Vitals("bed-1", t, null, null, BedStatus.WeakSignal));

        Assert.Equal(At(91), _alarms.Single(AlarmState.Raised).Timestamp);
    }

    private void Settle() => _alarms.EverySecond(0, 99, t => Vitals("bed-1", t, 70, 14));
}
