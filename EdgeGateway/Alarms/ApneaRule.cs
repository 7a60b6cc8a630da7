using System.Globalization;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.Mattress;

namespace EdgeGateway.Alarms;

/// <summary>
/// Apnea (design.md §5): no breathing (RR = 0, measured at rest) for at least the apnea time while the
/// patient is in bed. Always high priority. Only measurements count: a reading without RR (weak signal)
/// is a gap, tolerated up to a few seconds but never evidence of apnea, so missing data alone cannot raise
/// it; movement or a breath restarts the count. It clears once breathing has been measured for a hold
/// time, or when the bed is empty.
/// </summary>
public sealed class ApneaRule : IAlarmRule
{
    public const string AlarmType = "apnea";

    private readonly TimeSpan _apneaAfter;
    private readonly TimeSpan _resumeHold;
    private readonly TimeSpan _gapTolerance;
    private readonly Dictionary<string, Bed> _beds = new(StringComparer.Ordinal);

    /// <param name="apneaAfter">How long RR = 0 must last (20 s by default).</param>
    /// <param name="resumeHold">How long breathing must be measured again before the alarm clears.</param>
    /// <param name="gapTolerance">Longest gap in the RR measurements (signal lost epochs) that does not restart the count.</param>
    public ApneaRule(TimeSpan apneaAfter, TimeSpan resumeHold, TimeSpan gapTolerance)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(apneaAfter, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(resumeHold, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThan(gapTolerance, TimeSpan.Zero);
        _apneaAfter = apneaAfter;
        _resumeHold = resumeHold;
        _gapTolerance = gapTolerance;
    }

    public void Observe(DeviceEvent deviceEvent, DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (deviceEvent is not VitalsReading reading)
        {
            return;
        }

        var bed = _beds.For(reading.DeviceId);

        var atRest = reading.BedStatus == BedStatus.AtRest;
        if (!reading.InBed)
        {
            if (bed.Alarmed)
            {
                conditions.Add(Condition(reading.DeviceId, active: false, now - bed.NoBreathSince!.Value,
                    $"apnea on {reading.DeviceId} ended: the bed is empty"));
            }

            bed.Reset();
        }
        else if (atRest && reading.RrBrpm == 0)
        {
            if (bed.NoBreathSince is null || (!bed.Alarmed && now - bed.LastNoBreath > _gapTolerance))
            {
                bed.NoBreathSince = now;
            }

            bed.LastNoBreath = now;
            bed.BreathingSince = null;
            if (!bed.Alarmed && now - bed.NoBreathSince.Value >= _apneaAfter)
            {
                bed.Alarmed = true;
                conditions.Add(Condition(reading.DeviceId, active: true, now - bed.NoBreathSince.Value,
                    string.Create(CultureInfo.InvariantCulture, $"no breathing detected on {reading.DeviceId} for {(now - bed.NoBreathSince.Value).TotalSeconds:0.#} s")));
            }
        }
        else if (atRest && reading.RrBrpm > 0)
        {
            // A breath ends the count; once alarmed, breathing must last the hold time to clear.
            if (bed.Alarmed)
            {
                bed.BreathingSince ??= now;
            }
            else
            {
                bed.NoBreathSince = null;
            }
        }
        else if (reading.BedStatus == BedStatus.Moving && !bed.Alarmed)
        {
            // Movement masks breathing: the count starts again from the next RR = 0 at rest.
            bed.NoBreathSince = null;
        }

        CheckResumed(reading.DeviceId, bed, now, conditions);
    }

    public void Tick(DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        foreach (var (deviceId, bed) in _beds)
        {
            CheckResumed(deviceId, bed, now, conditions);
        }
    }

    /// <summary>
    /// A restored apnea keeps its onset (the pause it reported before the raise): RR = 0 goes on without a new
    /// alarm; breathing measured for the hold time, or an empty bed, clears it; no reading keeps it.
    /// </summary>
    public AlarmAdoption Adopt(ActiveAlarm alarm, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (alarm.Type != AlarmType)
        {
            return AlarmAdoption.NotThisRule;
        }

        var bed = _beds.For(alarm.Subject);
        bed.Alarmed = true;
        bed.NoBreathSince = alarm.RaisedAt - alarm.Seconds("apneaSeconds", _apneaAfter);
        bed.LastNoBreath = alarm.RaisedAt;
        bed.BreathingSince = null;
        return AlarmAdoption.Adopted;
    }

    private void CheckResumed(string deviceId, Bed bed, DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        if (bed.Alarmed && bed.BreathingSince is { } since && now - since >= _resumeHold)
        {
            conditions.Add(Condition(deviceId, active: false, since - bed.NoBreathSince!.Value,
                string.Create(CultureInfo.InvariantCulture, $"breathing again on {deviceId} for {(now - since).TotalSeconds:0.#} s")));
            bed.Reset();
        }
    }

    private AlarmCondition Condition(string deviceId, bool active, TimeSpan apnea, string message) =>
        new(AlarmType, deviceId, deviceId, active, AlarmPriority.High, message, new Dictionary<string, double>
        {
            ["apneaSeconds"] = Math.Round(apnea.TotalSeconds, 3),
            ["limitSeconds"] = _apneaAfter.TotalSeconds,
        });

    private sealed class Bed
    {
        /// <summary>The first RR = 0 measurement of the current run.</summary>
        public DateTimeOffset? NoBreathSince { get; set; }

        public DateTimeOffset LastNoBreath { get; set; }

        /// <summary>While alarmed: the first breath measured since the last RR = 0.</summary>
        public DateTimeOffset? BreathingSince { get; set; }

        public bool Alarmed { get; set; }

        public void Reset()
        {
            NoBreathSince = null;
            BreathingSince = null;
            Alarmed = false;
        }
    }
}
