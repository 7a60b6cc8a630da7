using System.Globalization;

namespace EdgeGateway.Alarms;

/// <summary>
/// The engine's alarm state: one active alarm per key (type + subject). A condition that becomes
/// present raises; a second report of the same condition changes nothing (no second alarm); absent clears.
/// </summary>
public sealed class AlarmBook
{
    private readonly Dictionary<(string Type, string Subject), ActiveAlarm> _active = [];

    public int Count => _active.Count;

    public IReadOnlyList<ActiveAlarm> Active => [.. _active.Values.OrderByDescending(a => a.Priority).ThenBy(a => a.RaisedAt)];

    /// <summary>Applies a rule's condition; returns the transition it causes, or null when nothing changes.</summary>
    public AlarmTransition? Apply(AlarmCondition condition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var key = (condition.Type, condition.Subject);
        if (condition.Active)
        {
            if (_active.ContainsKey(key))
            {
                return null;
            }

            var id = string.Create(CultureInfo.InvariantCulture, $"{condition.Type}.{condition.Subject}.{now.ToUnixTimeMilliseconds()}");
            var alarm = new ActiveAlarm(id, condition.Type, condition.Subject, condition.DeviceId, condition.Priority, AlarmState.Raised, now, condition.Message, condition.Values);
            _active.Add(key, alarm);
            return Transition(alarm, AlarmState.Raised, now, condition.Message, condition.Values);
        }

        if (!_active.Remove(key, out var cleared))
        {
            return null;
        }

        return Transition(cleared, AlarmState.Cleared, now, condition.Message, condition.Values);
    }

    private static AlarmTransition Transition(ActiveAlarm alarm, AlarmState state, DateTimeOffset now, string message, IReadOnlyDictionary<string, double> values) =>
        new(alarm.AlarmId, alarm.Type, alarm.Subject, alarm.DeviceId, alarm.Priority, state, now, alarm.RaisedAt, message, values);
}
