using EdgeGateway.Alarms;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Tests.Fixtures;
using static EdgeGateway.Tests.Fixtures.AlarmHarness;

namespace EdgeGateway.Tests.Alarms;

public sealed class ThresholdRuleTests
{
    private readonly AlarmHarness _alarms = new(new ThresholdRule([
        new ThresholdPoint("fridge-3-temperature", "fridge-3", "temperatureDegC", new AlarmLimits(2, 8, 0.5), TimeSpan.FromSeconds(60), AlarmPriority.Medium),
        new ThresholdPoint("o2-line", "o2-main", "pressureKpa", new AlarmLimits(350, null, 10), TimeSpan.FromSeconds(5), AlarmPriority.High),
    ]));

    [Fact]
    public void A_configured_point_above_its_limit_for_exactly_the_sustain_time_raises()
    {
        _alarms.EverySecond(0, 59, t => Fridge(t, 8.2));
        Assert.Empty(_alarms.Transitions);

        _alarms.Feed(Fridge(60, 8.3));

        var raised = _alarms.Single(AlarmState.Raised);
        Assert.Equal(ThresholdRule.AlarmType, raised.Type);
        Assert.Equal("fridge-3-temperature", raised.Subject);
        Assert.Equal("fridge-3", raised.DeviceId);
        Assert.Equal(AlarmPriority.Medium, raised.Priority);
        Assert.Equal(8.3, raised.Values["temperatureDegC"]);
        Assert.Equal(8, raised.Values["highLimit"]);
        Assert.Equal(2, raised.Values["lowLimit"]);
    }

    [Fact]
    public void Flapping_at_the_limit_is_held_by_hysteresis_until_back_inside_by_it()
    {
        _alarms.EverySecond(0, 60, t => Fridge(t, 8.5));
        _alarms.EverySecond(61, 120, t => Fridge(t, t % 2 == 0 ? 7.6 : 8.1));
        Assert.Single(_alarms.Transitions);

        _alarms.Feed(Fridge(121, 7.5));

        Assert.Equal([AlarmState.Raised, AlarmState.Cleared], _alarms.Transitions.Select(t => t.State));
    }

    [Fact]
    public void A_transmitters_pressure_is_a_point_too_and_other_fields_or_devices_are_ignored()
    {
        _alarms.EverySecond(0, 4, t => new PressureReading("o2-main", At(t), 340));
        _alarms.EverySecond(0, 100, t => new ModbusPointsReading("fridge-3", At(t), [new ModbusPointValue("humidityPct", 99)]));
        _alarms.EverySecond(0, 100, t => new PressureReading("other", At(t), 10));
        Assert.Empty(_alarms.Transitions);

        _alarms.Feed(new PressureReading("o2-main", At(5), 349.9));

        var raised = _alarms.Single(AlarmState.Raised);
        Assert.Equal("o2-line", raised.Subject);
        Assert.Equal(AlarmPriority.High, raised.Priority);
        Assert.False(raised.Values.ContainsKey("highLimit"));
    }

    private static ModbusPointsReading Fridge(double seconds, double degC) =>
        new("fridge-3", At(seconds), [new ModbusPointValue("temperatureDegC", degC), new ModbusPointValue("doorOpen", 0)]);
}
