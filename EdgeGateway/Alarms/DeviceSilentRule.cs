using System.Globalization;
using EdgeGateway.Drivers;

namespace EdgeGateway.Alarms;

/// <summary>
/// Device silent (design.md §5): no frame from a device for longer than its interval. Silence is measured
/// on the gateway's clock from the last reading received, so a device with a wrong clock still counts.
/// The alarm clears on the next reading; it cannot flap faster than its own timeout.
/// </summary>
public sealed class DeviceSilentRule : IAlarmRule
{
    public const string AlarmType = "device_silent";

    private readonly Dictionary<string, Watch> _devices;
    private readonly AlarmPriority _priority;
    private readonly Func<string, TimeSpan?>? _override;

    /// <param name="timeouts">Each watched device and the silence it is allowed.</param>
    /// <param name="start">When watching began: a device never heard from is silent from then.</param>
    /// <param name="timeoutOverride">A device's allowed silence set from elsewhere (the IoT Hub twin), read at each tick; null keeps the configured one.</param>
    public DeviceSilentRule(IEnumerable<KeyValuePair<string, TimeSpan>> timeouts, AlarmPriority priority, DateTimeOffset start, Func<string, TimeSpan?>? timeoutOverride = null)
    {
        ArgumentNullException.ThrowIfNull(timeouts);
        _priority = priority;
        _override = timeoutOverride;
        _devices = timeouts.ToDictionary(t => t.Key, t => new Watch(t.Value, start), StringComparer.Ordinal);
    }

    public void Observe(DeviceEvent deviceEvent, DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(deviceEvent);
        ArgumentNullException.ThrowIfNull(conditions);
        if (deviceEvent is not Reading || !_devices.TryGetValue(deviceEvent.DeviceId, out var watch))
        {
            return;
        }

        var silence = now - watch.LastFrame;
        watch.LastFrame = now;
        if (watch.Alarmed)
        {
            watch.Alarmed = false;
            conditions.Add(Condition(deviceEvent.DeviceId, watch, active: false, silence,
                string.Create(CultureInfo.InvariantCulture, $"{deviceEvent.DeviceId} is sending again after {silence.TotalSeconds:0.#} s")));
        }
    }

    public void Tick(DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        foreach (var (deviceId, watch) in _devices)
        {
            watch.Timeout = _override?.Invoke(deviceId) ?? watch.Configured;
            var silence = now - watch.LastFrame;
            if (!watch.Alarmed && silence > watch.Timeout)
            {
                watch.Alarmed = true;
                conditions.Add(Condition(deviceId, watch, active: true, silence,
                    string.Create(CultureInfo.InvariantCulture, $"no data from {deviceId} for {silence.TotalSeconds:0.#} s (allowed {watch.Timeout.TotalSeconds:0.#} s)")));
            }
        }
    }

    /// <summary>
    /// A restored silence goes on until the device's next reading clears it (reporting the whole silence,
    /// from its last frame before the alarm); a device no longer watched is <see cref="AlarmAdoption.SubjectRemoved"/>.
    /// </summary>
    public AlarmAdoption Adopt(ActiveAlarm alarm, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (alarm.Type != AlarmType)
        {
            return AlarmAdoption.NotThisRule;
        }

        if (!_devices.TryGetValue(alarm.Subject, out var watch))
        {
            return AlarmAdoption.SubjectRemoved;
        }

        watch.Alarmed = true;
        watch.LastFrame = alarm.RaisedAt - alarm.Seconds("silentSeconds", watch.Timeout);
        return AlarmAdoption.Adopted;
    }

    private AlarmCondition Condition(string deviceId, Watch watch, bool active, TimeSpan silence, string message) =>
        new(AlarmType, deviceId, deviceId, active, _priority, message, new Dictionary<string, double>
        {
            ["silentSeconds"] = Math.Round(silence.TotalSeconds, 3),
            ["timeoutSeconds"] = watch.Timeout.TotalSeconds,
        });

    private sealed class Watch(TimeSpan timeout, DateTimeOffset lastFrame)
    {
        public TimeSpan Configured { get; } = timeout;

        public TimeSpan Timeout { get; set; } = timeout;

        public DateTimeOffset LastFrame { get; set; } = lastFrame;

        public bool Alarmed { get; set; }
    }
}
