using System.Globalization;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.Mattress;

namespace EdgeGateway.Alarms;

/// <summary>
/// Signal lost (issue 6): the patient is in bed but the sensor cannot measure (weak signal, or HR/RR missing
/// at rest) for the hold time. It is its own low-priority alarm so that missing data is never taken for an
/// apnea or a vitals alarm, and a sensor that loses a fraction of its epochs does not raise it (one good
/// reading restarts the hold). Not raised while the patient is settling; a silent sensor is device silent's.
/// Cleared by the first good reading or an empty bed.
/// </summary>
public sealed class SignalLostRule : IAlarmRule
{
    public const string AlarmType = "signal_lost";

    private readonly TimeSpan _hold;
    private readonly AlarmPriority _priority;
    private readonly BedSettling _settling;
    private readonly Dictionary<string, Bed> _beds = new(StringComparer.Ordinal);

    public SignalLostRule(TimeSpan hold, TimeSpan settling, AlarmPriority priority)
    {
        _hold = hold;
        _priority = priority;
        _settling = new BedSettling(settling);
    }

    public void Observe(DeviceEvent deviceEvent, DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (deviceEvent is not VitalsReading reading)
        {
            return;
        }

        var bed = _beds.For(reading.DeviceId);

        var settling = _settling.IsSettling(reading, now);
        var poor = reading.InBed && (reading.BedStatus == BedStatus.WeakSignal ||
            (reading.BedStatus == BedStatus.AtRest && (reading.HrBpm is null || reading.RrBrpm is null)));
        if (!poor)
        {
            if (bed.Alarmed)
            {
                conditions.Add(Condition(reading.DeviceId, active: false, now - bed.LostSince!.Value, reading.SignalStrength,
                    reading.InBed ? $"signal on {reading.DeviceId} is back" : $"bed {reading.DeviceId} is empty"));
            }

            bed.LostSince = null;
            bed.Alarmed = false;
            return;
        }

        if (settling || bed.Alarmed)
        {
            return;
        }

        bed.LostSince ??= now;
        var lost = now - bed.LostSince.Value;
        if (lost >= _hold)
        {
            bed.Alarmed = true;
            conditions.Add(Condition(reading.DeviceId, active: true, lost, reading.SignalStrength,
                string.Create(CultureInfo.InvariantCulture, $"bed sensor {reading.DeviceId} cannot measure the patient for {lost.TotalSeconds:0.#} s")));
        }
    }

    public void Tick(DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        // Raised and cleared by readings only: a sensor that sends nothing is device silent, not signal lost.
    }

    /// <summary>A restored signal lost: a poor reading keeps it, the first good reading or an empty bed clears it.</summary>
    public AlarmAdoption Adopt(ActiveAlarm alarm, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (alarm.Type != AlarmType)
        {
            return AlarmAdoption.NotThisRule;
        }

        var bed = _beds.For(alarm.Subject);
        bed.Alarmed = true;
        bed.LostSince = alarm.RaisedAt - alarm.Seconds("lostSeconds", _hold);
        return AlarmAdoption.Adopted;
    }

    private AlarmCondition Condition(string deviceId, bool active, TimeSpan lost, int signalStrength, string message) =>
        new(AlarmType, deviceId, deviceId, active, _priority, message, new Dictionary<string, double>
        {
            ["lostSeconds"] = Math.Round(lost.TotalSeconds, 3),
            ["holdSeconds"] = _hold.TotalSeconds,
            ["signalStrength"] = signalStrength,
        });

    private sealed class Bed
    {
        public DateTimeOffset? LostSince { get; set; }

        public bool Alarmed { get; set; }
    }
}
