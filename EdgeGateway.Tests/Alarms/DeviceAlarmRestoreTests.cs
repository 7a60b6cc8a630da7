using EdgeGateway.Alarms;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Tests.Fixtures;
using static EdgeGateway.Tests.Fixtures.AlarmHarness;

namespace EdgeGateway.Tests.Alarms;

/// <summary>Device silent, pipe burst and threshold alarms across a restart.</summary>
public sealed class DeviceAlarmRestoreTests
{
    private static readonly PipePair Pipe = new("main-A", "pipe-up", "pipe-down", 1000, 1200, TimeSpan.FromMilliseconds(100));

    [Fact]
    public void A_restored_device_silent_stays_while_the_device_says_nothing_and_clears_with_the_same_id_on_its_next_reading_counting_the_whole_silence()
    {
        var alarms = Silence();
        alarms.Tick(10.25);
        var raised = alarms.Single(AlarmState.Raised);

        alarms.Restart(20);
        alarms.Quiet(20, 200);
        Assert.Empty(alarms.Transitions);
        alarms.Feed(new PressureReading("tank-1", At(201), 400));

        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Cleared, 201.0), (cleared.AlarmId, cleared.State, cleared.Values["silentSeconds"]));
    }

    [Fact]
    public void A_device_that_was_sending_before_the_restart_is_timed_from_the_restart()
    {
        var alarms = Silence();
        alarms.Feed(new PressureReading("tank-1", At(5), 400));

        alarms.Restart(8);
        alarms.Tick(18);
        Assert.Empty(alarms.Transitions);
        alarms.Tick(18.25);

        Assert.Equal(10.25, alarms.Single(AlarmState.Raised).Values["silentSeconds"]);
    }

    [Fact]
    public void A_restored_device_silent_for_a_device_no_longer_watched_is_cleared_at_start_with_the_reason()
    {
        var alarms = Silence();
        alarms.Tick(10.25);
        var raised = alarms.Single(AlarmState.Raised);

        alarms.Restart(20, rules: now => [new DeviceSilentRule([KeyValuePair.Create("tank-2", TimeSpan.FromSeconds(10))], AlarmPriority.Medium, now)]);

        Assert.Empty(alarms.Reannounced);
        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Cleared, At(20)), (cleared.AlarmId, cleared.State, cleared.Timestamp));
        Assert.Equal("device_silent on tank-1 cleared after a restart: tank-1 is no longer configured for device_silent alarms", cleared.Message);
        Assert.Empty(alarms.Engine.Book.Active);
        Assert.Empty(alarms.Stored);
    }

    [Fact]
    public void A_restored_alarm_of_a_device_removed_from_the_configuration_is_cleared_at_start_with_the_reason()
    {
        var alarms = Silence();
        alarms.Tick(10.25);
        var raised = alarms.Single(AlarmState.Raised);

        alarms.Restart(20, devices: ["tank-2"]);

        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Cleared), (cleared.AlarmId, cleared.State));
        Assert.Equal("device_silent on tank-1 cleared after a restart: device tank-1 removed from configuration", cleared.Message);
        Assert.Equal(raised.RaisedAt, cleared.RaisedAt);
        Assert.Empty(alarms.Stored);
    }

    [Fact]
    public void A_restored_burst_on_a_lone_transmitter_stays_while_the_pressure_is_low_and_clears_with_the_same_id_after_the_recovery_hold()
    {
        var alarms = Burst();
        Steady(alarms, 0, 10, ("tank-1", 400));
        alarms.Feed(new PressureReading("tank-1", At(10.1), 300));
        var raised = alarms.Single(AlarmState.Raised);
        Assert.Equal((100.0, 400.0), (raised.Values["dropKpa"], raised.Values["levelKpa"]));

        alarms.Restart(20);
        alarms.EverySecond(21, 100, t => new PressureReading("tank-1", At(t), 300));
        Assert.Empty(alarms.Transitions);
        alarms.EverySecond(101, 130, t => new PressureReading("tank-1", At(t), 390));
        Assert.Empty(alarms.Transitions);
        alarms.Feed(new PressureReading("tank-1", At(131), 390));

        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Cleared, At(131)), (cleared.AlarmId, cleared.State, cleared.Timestamp));
    }

    [Fact]
    public void A_restored_burst_on_a_pipe_stays_with_no_data_and_clears_once_both_ends_that_dropped_have_recovered()
    {
        var alarms = Burst();
        Steady(alarms, 0, 5, ("pipe-up", 400), ("pipe-down", 350));
        alarms.Feed(new PressureReading("pipe-up", At(5.1), 300));
        alarms.Feed(new PressureReading("pipe-down", At(5.2), 250));
        var raised = alarms.Single(AlarmState.Raised);
        Assert.Equal((400.0, 350.0), (raised.Values["upstreamLevelKpa"], raised.Values["downstreamLevelKpa"]));

        alarms.Restart(20);
        alarms.Quiet(20, 600);
        Assert.Empty(alarms.Transitions);
        alarms.EverySecond(601, 700, t => new PressureReading("pipe-up", At(t), 395));
        Assert.Empty(alarms.Transitions);
        alarms.EverySecond(701, 731, t => new PressureReading("pipe-down", At(t), 345));

        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Cleared, At(731)), (cleared.AlarmId, cleared.State, cleared.Timestamp));
        Assert.Equal("pressure on pipe main-A is back", cleared.Message);
    }

    [Fact]
    public void A_restored_burst_on_a_pipe_no_longer_configured_is_cleared_at_start_with_the_reason()
    {
        var alarms = Burst();
        Steady(alarms, 0, 5, ("pipe-up", 400), ("pipe-down", 400));
        alarms.Feed(new PressureReading("pipe-up", At(5.1), 300));
        alarms.Feed(new PressureReading("pipe-down", At(5.2), 300));
        var raised = alarms.Single(AlarmState.Raised);

        alarms.Restart(20, rules: _ => [new PipeBurstRule(30, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), AlarmPriority.High, [])]);

        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, "pipe_burst on main-A cleared after a restart: main-A is no longer configured for pipe_burst alarms"), (cleared.AlarmId, cleared.Message));
    }

    [Fact]
    public void A_restored_threshold_alarm_stays_while_the_value_is_outside_and_clears_back_inside_by_the_hysteresis()
    {
        var alarms = Fridge();
        alarms.EverySecond(0, 60, t => FridgeAt(t, 9));
        var raised = alarms.Single(AlarmState.Raised);

        alarms.Restart(70);
        alarms.EverySecond(71, 200, t => FridgeAt(t, t < 150 ? 9 : 7.6));
        Assert.Empty(alarms.Transitions);
        alarms.Feed(FridgeAt(201, 7.5));

        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Cleared, 7.5), (cleared.AlarmId, cleared.State, cleared.Values["temperatureDegC"]));
    }

    [Fact]
    public void A_restored_threshold_alarm_whose_name_was_removed_from_the_configuration_is_cleared_at_start_with_the_reason()
    {
        var alarms = Fridge();
        alarms.EverySecond(0, 60, t => FridgeAt(t, 9));
        var raised = alarms.Single(AlarmState.Raised);

        alarms.Restart(70, rules: _ => [new ThresholdRule([])]);

        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Cleared), (cleared.AlarmId, cleared.State));
        Assert.Equal("threshold on fridge-3-temperature cleared after a restart: fridge-3-temperature is no longer configured for threshold alarms", cleared.Message);
        Assert.Empty(alarms.Stored);
    }

    private static AlarmRestartHarness Silence() =>
        new(now => [new DeviceSilentRule([KeyValuePair.Create("tank-1", TimeSpan.FromSeconds(10))], AlarmPriority.Medium, now)]);

    private static AlarmRestartHarness Burst() =>
        new(_ => [new PipeBurstRule(30, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(30), AlarmPriority.High, [Pipe])]);

    private static AlarmRestartHarness Fridge() =>
        new(_ => [new ThresholdRule([new ThresholdPoint("fridge-3-temperature", "fridge-3", "temperatureDegC", new AlarmLimits(2, 8, 0.5), TimeSpan.FromSeconds(60), AlarmPriority.Medium)])]);

    private static ModbusPointsReading FridgeAt(double seconds, double degC) => new("fridge-3", At(seconds), [new ModbusPointValue("temperatureDegC", degC)]);

    /// <summary>Each transmitter at its pressure, sampled every 100 ms from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static void Steady(AlarmRestartHarness alarms, double from, double to, params (string DeviceId, double Kpa)[] transmitters)
    {
        for (var i = 0; from + (i * 0.1) <= to + 1e-9; i++)
        {
            foreach (var (deviceId, kpa) in transmitters)
            {
                alarms.Feed(new PressureReading(deviceId, At(from + (i * 0.1)), kpa));
            }
        }
    }
}
