using System.Globalization;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.Mattress;

namespace EdgeGateway.Alarms;

/// <summary>
/// Vitals out of range (design.md §5): heart rate or respiration rate outside its limits for the sustain
/// time, one alarm per vital (<c>hr_out_of_range</c>, <c>rr_out_of_range</c>), cleared with hysteresis.
/// Only measured values count: a missing value is a gap, not a value; a gap longer than the allowed one
/// restarts the sustain time. Not raised while the patient is settling after lying down. RR = 0 is
/// apnea's to report, not a low rate. Cleared when the bed is empty.
/// </summary>
public sealed class VitalsRule : IAlarmRule
{
    public const string HeartRateType = "hr_out_of_range";
    public const string RespirationRateType = "rr_out_of_range";

    private readonly VitalsLimits _defaults;
    private readonly IReadOnlyDictionary<string, VitalsLimits> _perBed;
    private readonly TimeSpan _sustain;
    private readonly TimeSpan _maxGap;
    private readonly AlarmPriority _priority;
    private readonly BedSettling _settling;
    private readonly Dictionary<string, Bed> _beds = new(StringComparer.Ordinal);

    /// <param name="defaults">Limits of a bed without its own.</param>
    /// <param name="perBed">Beds with their own limits, by device id.</param>
    /// <param name="sustain">How long a vital must stay outside its limits.</param>
    /// <param name="maxGap">Longest gap between measurements that does not restart the sustain time.</param>
    /// <param name="settling">How long after lying down the values are not trusted.</param>
    public VitalsRule(VitalsLimits defaults, IReadOnlyDictionary<string, VitalsLimits> perBed, TimeSpan sustain, TimeSpan maxGap, TimeSpan settling, AlarmPriority priority)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(perBed);
        _defaults = defaults;
        _perBed = perBed;
        _sustain = sustain;
        _maxGap = maxGap;
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

        var limits = _perBed.GetValueOrDefault(reading.DeviceId, _defaults);
        if (!reading.InBed)
        {
            Stop(reading.DeviceId, bed.HeartRate, HeartRateType, "hrBpm", "Bpm", limits.HeartRateBpm, conditions);
            Stop(reading.DeviceId, bed.RespirationRate, RespirationRateType, "rrBrpm", "Brpm", limits.RespirationRateBrpm, conditions);
            _settling.IsSettling(reading, now);
            return;
        }

        if (_settling.IsSettling(reading, now))
        {
            return;
        }

        Measure(reading.DeviceId, bed.HeartRate, reading.HrBpm, HeartRateType, "hrBpm", "Bpm", "heart rate", limits.HeartRateBpm, now, conditions);
        var rate = reading.RrBrpm is > 0 ? reading.RrBrpm : null;
        Measure(reading.DeviceId, bed.RespirationRate, rate, RespirationRateType, "rrBrpm", "Brpm", "respiration rate", limits.RespirationRateBrpm, now, conditions);
    }

    public void Tick(DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        // Every decision needs a measured value: nothing changes with time alone.
    }

    /// <summary>
    /// A restored vitals alarm: the first trusted value back inside by the hysteresis clears it, values still
    /// outside keep it, an empty bed clears it. After a restart the values are not trusted until the patient
    /// has settled (how long they have been in bed is unknown), so it stays active at least that long.
    /// </summary>
    public AlarmAdoption Adopt(ActiveAlarm alarm, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (alarm.Type is not (HeartRateType or RespirationRateType))
        {
            return AlarmAdoption.NotThisRule;
        }

        var bed = _beds.For(alarm.Subject);
        (alarm.Type == HeartRateType ? bed.HeartRate : bed.RespirationRate).Monitor.Adopt();
        return AlarmAdoption.Adopted;
    }

    private void Measure(string deviceId, Vital vital, int? measured, string type, string field, string unit, string name, AlarmLimits limits, DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        if (measured is not { } value)
        {
            return;
        }

        if (vital.LastMeasured is { } last && now - last > _maxGap)
        {
            vital.Monitor.RestartRun();
        }

        vital.LastMeasured = now;
        var change = vital.Monitor.Update(value, limits, _sustain, now);
        if (change == LimitChange.None)
        {
            return;
        }

        var message = change == LimitChange.Raised
            ? string.Create(CultureInfo.InvariantCulture, $"{name} {value} /min on {deviceId} is {(value > limits.High ? "above" : "below")} its limit")
            : string.Create(CultureInfo.InvariantCulture, $"{name} {value} /min on {deviceId} is back within its limits");
        conditions.Add(Condition(deviceId, type, change == LimitChange.Raised, field, unit, value, limits, message));
    }

    private void Stop(string deviceId, Vital vital, string type, string field, string unit, AlarmLimits limits, ICollection<AlarmCondition> conditions)
    {
        vital.LastMeasured = null;
        if (vital.Monitor.Stop())
        {
            conditions.Add(Condition(deviceId, type, active: false, field, unit, value: null, limits, $"bed {deviceId} is empty"));
        }
    }

    private AlarmCondition Condition(string deviceId, string type, bool active, string field, string unit, double? value, AlarmLimits limits, string message)
    {
        var values = new Dictionary<string, double>();
        if (value is { } v)
        {
            values[field] = v;
        }

        if (limits.Low is { } low)
        {
            values[$"low{unit}"] = low;
        }

        if (limits.High is { } high)
        {
            values[$"high{unit}"] = high;
        }

        return new AlarmCondition(type, deviceId, deviceId, active, _priority, message, values);
    }

    private sealed class Bed
    {
        public Vital HeartRate { get; } = new();

        public Vital RespirationRate { get; } = new();
    }

    private sealed class Vital
    {
        public LimitMonitor Monitor { get; } = new();

        public DateTimeOffset? LastMeasured { get; set; }
    }
}
