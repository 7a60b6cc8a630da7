using EdgeGateway.Alarms;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Simulation;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;
using static EdgeGateway.Tests.Fixtures.AlarmHarness;

namespace EdgeGateway.Tests.Alarms;

public sealed class PipeBurstRuleTests
{
    private static readonly TimeSpan Sampling = TimeSpan.FromMilliseconds(10);
    private static readonly PipePair Pipe = new("main-A", "pipe-up", "pipe-down", 1000, 1200, Sampling);

    private readonly AlarmHarness _alarms = new(NewRule());

    public static TheoryData<double> Positions() => [.. Enumerable.Range(0, 21).Select(i => i * 50.0)];

    [Theory]
    [MemberData(nameof(Positions))]
    public void A_burst_is_located_within_the_reported_uncertainty_along_the_whole_pipe(double position)
    {
        var time = new FakeTimeProvider(Start);
        var simulator = new PipePressureSimulator(new PipePressureOptions { LengthMeters = 1000, WaveSpeedMetersPerSecond = 1200, NoiseKpa = 0.5 },
            new ModbusRegisterBank(), new ModbusRegisterBank(), time, new Random((int)position));

        // The downstream transmitter is sampled 3.7 ms after the upstream one; the burst falls between samples.
        for (var k = 0; k < 500; k++)
        {
            if (k == 300)
            {
                time.SetUtcNow(Start + (k * Sampling) - TimeSpan.FromMilliseconds(6.3));
                simulator.TriggerBurst(position, 80);
            }

            time.SetUtcNow(Start + (k * Sampling));
            _alarms.Feed(new PressureReading("pipe-up", time.GetUtcNow(), simulator.Update().UpstreamKpa));
            time.Advance(TimeSpan.FromMilliseconds(3.7));
            _alarms.Feed(new PressureReading("pipe-down", time.GetUtcNow(), simulator.Update().DownstreamKpa));
        }

        var raised = Assert.Single(_alarms.Transitions);
        Assert.Equal(PipeBurstRule.AlarmType, raised.Type);
        Assert.Equal("main-A", raised.Subject);
        Assert.Null(raised.DeviceId);
        Assert.Equal(AlarmPriority.High, raised.Priority);
        Assert.Equal(6, raised.Values["uncertaintyM"]);
        Assert.InRange(raised.Values["positionM"], position - 6, position + 6);
        Assert.InRange(raised.Values["dropKpa"], 79, 81);
    }

    [Fact]
    public void The_locator_inverts_the_arrival_times_and_clamps_to_the_pipe()
    {
        var locator = new PressureWaveLocator(1000, 1200, Sampling);

        // x = 250 m: t1 = 250/1200 s, t2 = 750/1200 s after the burst, each bracketed by samples 10 ms apart.
        var located = locator.Locate(Bracket(250.0 / 1200), Bracket(750.0 / 1200));
        Assert.Equal(250, located.PositionM, 3);
        Assert.Equal(6, located.UncertaintyM, 9);
        Assert.Equal(0, locator.Locate(Bracket(0), Bracket(1)).PositionM);
        Assert.Equal(1000, locator.Locate(Bracket(1), Bracket(0)).PositionM);
        Assert.Equal(6, locator.UncertaintyM, 9);

        // A late poll at one end widens its bracket, and the uncertainty with it: v (10 + 40 ms) / 4 = 15 m.
        var late = locator.Locate(Bracket(250.0 / 1200), new SampleBracket(At((750.0 / 1200) - 0.005), At((750.0 / 1200) + 0.035)));
        Assert.Equal(15, late.UncertaintyM, 9);
        Assert.InRange(late.PositionM, 250 - 15, 250 + 15);
        Assert.Equal(TimeSpan.FromSeconds(1000.0 / 1200) + Sampling, locator.MaxArrivalSpread);

        static SampleBracket Bracket(double arrival) => new(At(arrival - 0.005), At(arrival + 0.005));
    }

    [Fact]
    public void A_drop_of_exactly_the_threshold_raises_and_just_under_it_does_not()
    {
        var alarms = new AlarmHarness(NewRule());
        Steady(alarms, "tank-1", 0, 10, 400);
        alarms.Feed(new PressureReading("tank-1", At(10.1), 370.1));
        alarms.Feed(new PressureReading("tank-1", At(10.2), 370.0));

        var raised = alarms.Single(AlarmState.Raised);
        Assert.Equal(At(10.2), raised.Timestamp);
        Assert.Equal("tank-1", raised.Subject);
        Assert.Equal("tank-1", raised.DeviceId);
        Assert.Equal(30, raised.Values["dropKpa"]);
        Assert.False(raised.Values.ContainsKey("positionM"));
    }

    [Fact]
    public void A_slow_ramp_down_is_not_a_burst()
    {
        var noise = new Random(7);
        for (var i = 0; i <= 600; i++)
        {
            _alarms.Feed(new PressureReading("pipe-up", At(i * 0.1), 400 - (i * 0.2) + (noise.NextDouble() - 0.5)));
        }

        _alarms.Tick(61);
        Assert.Empty(_alarms.Transitions);
    }

    [Fact]
    public void A_pump_start_with_its_overshoot_is_not_a_burst()
    {
        // 300 kPa, then the pump: up to 440 kPa within 1 s, settling back to 400 kPa over 0.5 s.
        for (var i = 0; i <= 1000; i++)
        {
            var t = i * 0.01;
            var kpa = t < 2 ? 300 : t < 3 ? 300 + (140 * (t - 2)) : t < 3.5 ? 440 - (80 * (t - 3)) : 400;
            _alarms.Feed(new PressureReading("pipe-up", At(t), kpa));
            _alarms.Feed(new PressureReading("pipe-down", At(t + 0.004), kpa));
        }

        _alarms.Tick(11);
        Assert.Empty(_alarms.Transitions);
    }

    [Fact]
    public void A_drop_at_one_end_only_is_raised_unlocated_once_the_wave_could_have_reached_the_other()
    {
        Steady(_alarms, "pipe-up", 0, 5, 400);
        Steady(_alarms, "pipe-down", 0, 5, 400);
        _alarms.Feed(new PressureReading("pipe-up", At(5.1), 300));
        // The wave's travel time (0.833 s) plus one sample, plus two samples for the other end's reading to arrive.
        _alarms.Tick(5.1 + (1000.0 / 1200) + 0.025);
        Assert.Empty(_alarms.Transitions);

        _alarms.Tick(5.1 + (1000.0 / 1200) + 0.035);

        var raised = _alarms.Single(AlarmState.Raised);
        Assert.Equal("main-A", raised.Subject);
        Assert.Equal(100, raised.Values["dropKpa"]);
        Assert.False(raised.Values.ContainsKey("positionM"));
    }

    [Fact]
    public void It_clears_once_the_pressure_is_back_for_the_recovery_hold()
    {
        Steady(_alarms, "pipe-up", 0, 5, 400);
        Steady(_alarms, "pipe-down", 0, 5, 400);
        _alarms.Feed(new PressureReading("pipe-up", At(5.1), 300));
        _alarms.Feed(new PressureReading("pipe-down", At(5.2), 300));
        _alarms.Feed(new PressureReading("pipe-up", At(20), 390));
        _alarms.Feed(new PressureReading("pipe-down", At(20), 380));
        _alarms.Feed(new PressureReading("pipe-down", At(21), 390));
        _alarms.Tick(50.75);
        Assert.Equal([AlarmState.Raised], _alarms.Transitions.Select(t => t.State));

        _alarms.Tick(51);

        Assert.Equal([AlarmState.Raised, AlarmState.Cleared], _alarms.Transitions.Select(t => t.State));
        Assert.Equal(_alarms.Transitions[0].AlarmId, _alarms.Transitions[1].AlarmId);
    }

    private static PipeBurstRule NewRule() =>
        new(dropThresholdKpa: 30, window: TimeSpan.FromSeconds(2), recoveryHold: TimeSpan.FromSeconds(30), AlarmPriority.High, [Pipe]);

    private static void Steady(AlarmHarness alarms, string deviceId, double from, double to, double kpa)
    {
        for (var t = from; t <= to; t += 0.1)
        {
            alarms.Feed(new PressureReading(deviceId, At(t), kpa));
        }
    }
}
