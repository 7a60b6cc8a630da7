using System.Globalization;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.Mattress;

namespace EdgeGateway.Alarms;

/// <summary>
/// Bed exit (design.md §5): a patient who was in bed has been out of it for the delay while the bed is
/// armed. Every bed is armed until disarmed (a patient allowed to walk, an empty bed being made). Arming an
/// empty bed raises nothing: the patient must be seen in bed first. Clears when the patient is back in bed
/// or the bed is disarmed.
/// </summary>
public sealed class BedExitRule : IAlarmRule
{
    public const string AlarmType = "bed_exit";

    private readonly TimeSpan _delay;
    private readonly AlarmPriority _priority;
    private readonly Dictionary<string, Bed> _beds = new(StringComparer.Ordinal);

    public BedExitRule(TimeSpan delay, AlarmPriority priority)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        _delay = delay;
        _priority = priority;
    }

    /// <summary>Whether a bed is armed (every bed is, until disarmed).</summary>
    public bool IsArmed(string deviceId) => !_beds.TryGetValue(deviceId, out var bed) || bed.Armed;

    /// <summary>
    /// Arms or disarms a bed (from the CLI or the admin socket). Disarming clears an active bed-exit alarm
    /// at the next tick; arming starts watching from the next time the patient is seen in bed.
    /// </summary>
    public void SetArmed(string deviceId, bool armed)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        var bed = Get(deviceId);
        // Re-armed before the disarm took effect: an active alarm simply goes on.
        if (armed && !bed.Armed && !bed.Alarmed)
        {
            bed.Occupied = false;
            bed.OutSince = null;
        }

        bed.Armed = armed;
    }

    public void Observe(DeviceEvent deviceEvent, DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (deviceEvent is not VitalsReading reading)
        {
            return;
        }

        var bed = Get(reading.DeviceId);
        if (reading.InBed)
        {
            if (bed.Alarmed)
            {
                var away = now - bed.OutSince!.Value;
                conditions.Add(Condition(reading.DeviceId, active: false, away,
                    string.Create(CultureInfo.InvariantCulture, $"patient back in bed {reading.DeviceId} after {away.TotalSeconds:0.#} s")));
                bed.Alarmed = false;
            }

            bed.Occupied = true;
            bed.OutSince = null;
            return;
        }

        if (bed.Occupied)
        {
            bed.OutSince ??= now;
        }

        Check(reading.DeviceId, bed, now, conditions);
    }

    public void Tick(DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        foreach (var (deviceId, bed) in _beds)
        {
            Check(deviceId, bed, now, conditions);
        }
    }

    /// <summary>
    /// A restored bed exit: the patient was in bed and left before the restart (for the time away the alarm
    /// reported). Back in bed clears it; disarming clears it; out of bed or no reading keeps it.
    /// </summary>
    public AlarmAdoption Adopt(ActiveAlarm alarm, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (alarm.Type != AlarmType)
        {
            return AlarmAdoption.NotThisRule;
        }

        var bed = Get(alarm.Subject);
        bed.Occupied = true;
        bed.Alarmed = true;
        bed.OutSince = alarm.RaisedAt - alarm.Seconds("outOfBedSeconds", _delay);
        return AlarmAdoption.Adopted;
    }

    private void Check(string deviceId, Bed bed, DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        if (bed.OutSince is not { } since)
        {
            return;
        }

        var away = now - since;
        if (bed.Alarmed && !bed.Armed)
        {
            bed.Alarmed = false;
            bed.Occupied = false;
            bed.OutSince = null;
            conditions.Add(Condition(deviceId, active: false, away, $"bed {deviceId} disarmed"));
        }
        else if (!bed.Alarmed && bed.Armed && away >= _delay)
        {
            bed.Alarmed = true;
            conditions.Add(Condition(deviceId, active: true, away,
                string.Create(CultureInfo.InvariantCulture, $"patient out of bed {deviceId} for {away.TotalSeconds:0.#} s")));
        }
    }

    private Bed Get(string deviceId)
    {
        var bed = _beds.For(deviceId);

        return bed;
    }

    private AlarmCondition Condition(string deviceId, bool active, TimeSpan away, string message) =>
        new(AlarmType, deviceId, deviceId, active, _priority, message, new Dictionary<string, double>
        {
            ["outOfBedSeconds"] = Math.Round(away.TotalSeconds, 3),
            ["delaySeconds"] = _delay.TotalSeconds,
        });

    private sealed class Bed
    {
        public bool Armed { get; set; } = true;

        /// <summary>The patient has been seen in bed since the bed was armed: only then can they leave it.</summary>
        public bool Occupied { get; set; }

        public DateTimeOffset? OutSince { get; set; }

        public bool Alarmed { get; set; }
    }
}
