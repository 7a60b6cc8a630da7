using EdgeGateway.Alarms;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Tests.Fixtures;
using static EdgeGateway.Tests.Fixtures.AlarmHarness;

namespace EdgeGateway.Tests.Alarms;

/// <summary>Bed exit, apnea, vitals and signal lost across a restart: adopted, not raised again; cleared when the condition is gone.</summary>
public sealed class BedAlarmRestoreTests
{
    private const string Bed = "bed-1";

    [Fact]
    public void A_restored_bed_exit_keeps_its_id_and_raise_time_and_is_not_raised_again_while_the_patient_is_still_out()
    {
        var alarms = BedExit();
        var raised = PatientLeavesAt3(alarms);

        alarms.Restart(30);
        alarms.EverySecond(31, 120, t => Vitals(Bed, t, null, null, BedStatus.Empty));

        Assert.Empty(alarms.Transitions);
        var reannounced = Assert.Single(alarms.Reannounced);
        Assert.Equal((raised.AlarmId, AlarmState.Raised, At(13), At(30)), (reannounced.AlarmId, reannounced.State, reannounced.RaisedAt, reannounced.Timestamp));
        var active = Assert.Single(alarms.Engine.Book.Active);
        Assert.Equal((raised.AlarmId, At(13)), (active.AlarmId, active.RaisedAt));
    }

    [Fact]
    public void A_restored_bed_exit_clears_with_the_same_id_when_the_patient_is_back_counting_the_time_away_from_before_the_restart()
    {
        var alarms = BedExit();
        var raised = PatientLeavesAt3(alarms);

        alarms.Restart(30);
        alarms.Feed(Vitals(Bed, 40, 62, 14));

        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Cleared, At(40)), (cleared.AlarmId, cleared.State, cleared.Timestamp));
        Assert.Equal(37, cleared.Values["outOfBedSeconds"]);
        Assert.Empty(alarms.Engine.Book.Active);
        Assert.Empty(alarms.Stored);
    }

    [Fact]
    public void An_acknowledged_bed_exit_is_restored_as_acknowledged_by_the_same_person_at_the_same_time()
    {
        var alarms = BedExit();
        var raised = PatientLeavesAt3(alarms);
        alarms.Acknowledge(raised.AlarmId, "nurse.jones", 20);

        alarms.Restart(30);

        var reannounced = Assert.Single(alarms.Reannounced);
        Assert.Equal((AlarmState.Acknowledged, "nurse.jones"), (reannounced.State, reannounced.AcknowledgedBy));
        var active = Assert.Single(alarms.Engine.Book.Active);
        Assert.Equal((raised.AlarmId, AlarmState.Acknowledged, "nurse.jones", (DateTimeOffset?)At(20)), (active.AlarmId, active.State, active.AcknowledgedBy, active.AcknowledgedAt));
    }

    [Fact]
    public void With_no_reading_at_all_after_the_restart_a_restored_bed_exit_stays_active()
    {
        var alarms = BedExit();
        var raised = PatientLeavesAt3(alarms);

        alarms.Restart(30);
        alarms.Quiet(31, 3600);

        Assert.Empty(alarms.Transitions);
        Assert.Equal(raised.AlarmId, Assert.Single(alarms.Engine.Book.Active).AlarmId);
    }

    [Fact]
    public void Disarming_the_bed_after_the_restart_clears_a_restored_bed_exit()
    {
        var alarms = BedExit();
        var raised = PatientLeavesAt3(alarms);

        alarms.Restart(30);
        alarms.Engine.Rules.OfType<BedExitRule>().Single().SetArmed(Bed, armed: false);
        alarms.Tick(30.25);

        var cleared = alarms.Single(AlarmState.Cleared);
        Assert.Equal(raised.AlarmId, cleared.AlarmId);
        Assert.Equal("bed bed-1 disarmed", cleared.Message);
    }

    [Fact]
    public void A_restored_apnea_goes_on_without_a_second_raise_and_clears_with_the_same_id_after_the_resume_hold()
    {
        var alarms = Apnea();
        alarms.EverySecond(0, 30, t => Vitals(Bed, t, 60, 0));
        var raised = alarms.Single(AlarmState.Raised);
        Assert.Equal(At(20), raised.RaisedAt);

        alarms.Restart(40);
        alarms.EverySecond(41, 100, t => Vitals(Bed, t, 60, 0));
        Assert.Empty(alarms.Transitions);
        alarms.EverySecond(101, 110, t => Vitals(Bed, t, 60, 12));
        Assert.Empty(alarms.Transitions);
        alarms.Feed(Vitals(Bed, 111, 60, 12));

        var cleared = alarms.Single(AlarmState.Cleared);
        Assert.Equal((raised.AlarmId, At(111)), (cleared.AlarmId, cleared.Timestamp));
        // The pause from its first RR = 0 before the restart to the first breath after it.
        Assert.Equal(101, cleared.Values["apneaSeconds"]);
    }

    [Fact]
    public void A_restored_apnea_clears_at_once_when_the_bed_is_found_empty()
    {
        var alarms = Apnea();
        alarms.EverySecond(0, 25, t => Vitals(Bed, t, 60, 0));
        var raised = alarms.Single(AlarmState.Raised);

        alarms.Restart(40);
        alarms.Feed(Vitals(Bed, 41, null, null, BedStatus.Empty));

        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Cleared), (cleared.AlarmId, cleared.State));
        Assert.Equal("apnea on bed-1 ended: the bed is empty", cleared.Message);
    }

    [Fact]
    public void A_restored_heart_rate_alarm_stays_while_the_values_are_untrusted_after_the_restart_then_clears_on_the_first_trusted_value_back_inside()
    {
        var alarms = VitalsAlarms();
        alarms.EverySecond(0, 160, t => Vitals(Bed, t, 140, 14));
        var raised = alarms.Single(AlarmState.Raised);
        Assert.Equal((VitalsRule.HeartRateType, At(150)), (raised.Type, raised.RaisedAt));

        alarms.Restart(170);
        // Settling again from the first reading after the restart (171 s): not trusted before 261 s.
        alarms.EverySecond(171, 260, t => Vitals(Bed, t, 120, 14));
        Assert.Empty(alarms.Transitions);
        alarms.Feed(Vitals(Bed, 261, 120, 14));

        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Cleared, 120.0), (cleared.AlarmId, cleared.State, cleared.Values["hrBpm"]));
    }

    [Fact]
    public void A_restored_heart_rate_alarm_is_not_raised_again_while_the_rate_stays_out_of_range()
    {
        var alarms = VitalsAlarms();
        alarms.EverySecond(0, 160, t => Vitals(Bed, t, 140, 14));
        var raised = alarms.Single(AlarmState.Raised);

        alarms.Restart(170);
        alarms.EverySecond(171, 600, t => Vitals(Bed, t, 140, 14));

        Assert.Empty(alarms.Transitions);
        Assert.Equal(raised.AlarmId, Assert.Single(alarms.Engine.Book.Active).AlarmId);
    }

    [Fact]
    public void A_restored_signal_lost_stays_while_the_signal_is_weak_and_clears_on_the_first_good_reading()
    {
        var alarms = SignalLost();
        alarms.EverySecond(0, 90, t => Vitals(Bed, t, 60, 14));
        alarms.EverySecond(91, 125, t => Vitals(Bed, t, null, null, BedStatus.WeakSignal));
        var raised = alarms.Single(AlarmState.Raised);
        Assert.Equal(At(121), raised.RaisedAt);

        alarms.Restart(130);
        alarms.EverySecond(131, 400, t => Vitals(Bed, t, null, null, BedStatus.WeakSignal));
        Assert.Empty(alarms.Transitions);
        alarms.Feed(Vitals(Bed, 401, 60, 14));

        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Cleared, 310.0), (cleared.AlarmId, cleared.State, cleared.Values["lostSeconds"]));
    }

    private static AlarmRestartHarness BedExit() => new(_ => [new BedExitRule(TimeSpan.FromSeconds(10), AlarmPriority.Medium)]);

    private static AlarmRestartHarness Apnea() => new(_ => [new ApneaRule(TimeSpan.FromSeconds(20), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5))]);

    private static AlarmRestartHarness VitalsAlarms() => new(_ =>
    [
        new VitalsRule(new VitalsLimits(new AlarmLimits(40, 130, 5), new AlarmLimits(8, 25, 2)), new Dictionary<string, VitalsLimits>(),
            TimeSpan.FromSeconds(60), TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(90), AlarmPriority.Medium),
    ]);

    private static AlarmRestartHarness SignalLost() => new(_ => [new SignalLostRule(TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(90), AlarmPriority.Low)]);

    /// <summary>In bed 0–2 s, out from 3 s: raised at 13 s (10 s delay).</summary>
    private static AlarmTransition PatientLeavesAt3(AlarmRestartHarness alarms)
    {
        alarms.EverySecond(0, 2, t => Vitals(Bed, t, 60, 14));
        alarms.EverySecond(3, 20, t => Vitals(Bed, t, null, null, BedStatus.Empty));
        return alarms.Single(AlarmState.Raised);
    }
}
