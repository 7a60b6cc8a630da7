using System.Globalization;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.CallButtons;

namespace EdgeGateway.Alarms;

/// <summary>
/// Call escalation (design.md §5): a press raises a call; a call not cancelled at the bedside within T1
/// escalates to high priority, again at T2, …; cancelling clears it. A second press while the call is
/// active is the same call, not a second alarm.
/// </summary>
public sealed class CallEscalationRule : IAlarmRule
{
    public const string AlarmType = "call";

    private readonly AlarmPriority _priority;
    private readonly TimeSpan[] _escalations;
    private readonly Dictionary<string, Call> _calls = new(StringComparer.Ordinal);

    /// <param name="priority">Of a call as it is raised; an escalated call is always high.</param>
    /// <param name="escalations">T1, T2, …: times after the press at which an uncancelled call escalates, increasing.</param>
    public CallEscalationRule(AlarmPriority priority, IEnumerable<TimeSpan> escalations)
    {
        ArgumentNullException.ThrowIfNull(escalations);
        _priority = priority;
        _escalations = [.. escalations];
        for (var i = 0; i < _escalations.Length; i++)
        {
            if (_escalations[i] <= TimeSpan.Zero || (i > 0 && _escalations[i] <= _escalations[i - 1]))
            {
                throw new ArgumentException("escalation times must be positive and increasing", nameof(escalations));
            }
        }
    }

    public void Observe(DeviceEvent deviceEvent, DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (deviceEvent is not CallButtonReading reading)
        {
            return;
        }

        if (reading.Event == CallButtonEvent.Pressed)
        {
            if (_calls.TryAdd(reading.DeviceId, new Call(now)))
            {
                conditions.Add(Condition(reading.DeviceId, active: true, TimeSpan.Zero, level: 0, $"call from {reading.DeviceId}"));
            }
        }
        else if (_calls.Remove(reading.DeviceId, out var call))
        {
            var waited = now - call.PressedAt;
            conditions.Add(Condition(reading.DeviceId, active: false, waited, call.Level,
                string.Create(CultureInfo.InvariantCulture, $"call from {reading.DeviceId} cancelled at the bedside after {waited.TotalSeconds:0.#} s")));
        }
    }

    public void Tick(DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        foreach (var (deviceId, call) in _calls)
        {
            var waited = now - call.PressedAt;
            var level = _escalations.Count(t => waited >= t);
            if (level > call.Level)
            {
                call.Level = level;
                conditions.Add(Condition(deviceId, active: true, waited, level,
                    string.Create(CultureInfo.InvariantCulture, $"call from {deviceId} not answered for {waited.TotalSeconds:0.#} s (escalation {level})")));
            }
        }
    }

    /// <summary>
    /// A restored call is the same call: the escalation clock runs from the press (its raise time), not from
    /// the restart, so a T passed while the daemon was down escalates at the first tick; a second press is
    /// still not a second alarm; a cancel at the bedside clears it.
    /// </summary>
    public AlarmAdoption Adopt(ActiveAlarm alarm, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (alarm.Type != AlarmType)
        {
            return AlarmAdoption.NotThisRule;
        }

        // The book's level may count escalations for want of an acknowledgement too; the rule only ever
        // reports a higher level than the book's, so starting from it escalates exactly when it would have.
        _calls[alarm.Subject] = new Call(alarm.RaisedAt) { Level = Math.Min(alarm.EscalationLevel, _escalations.Length) };
        return AlarmAdoption.Adopted;
    }

    private AlarmCondition Condition(string deviceId, bool active, TimeSpan waited, int level, string message) =>
        new(AlarmType, deviceId, deviceId, active, level > 0 ? AlarmPriority.High : _priority, message, new Dictionary<string, double>
        {
            ["waitedSeconds"] = Math.Round(waited.TotalSeconds, 3),
        }, level);

    private sealed class Call(DateTimeOffset pressedAt)
    {
        public DateTimeOffset PressedAt { get; } = pressedAt;

        public int Level { get; set; }
    }
}
