using System.Globalization;

namespace EdgeGateway.Alarms;

/// <summary>
/// The engine's alarm state: one active alarm per key (type + subject) and its lifecycle (design.md §5):
/// raised → escalated → acknowledged → cleared. A condition that becomes present raises; a second report of
/// the same condition changes nothing (no second alarm) unless it escalates; absent clears, whether or not
/// the alarm was acknowledged: acknowledging silences nobody's condition, it stays visible until it clears.
/// </summary>
public sealed class AlarmBook
{
    private readonly Dictionary<(string Type, string Subject), Entry> _active = [];
    private readonly Dictionary<(string Type, string Subject), long> _lastIdMs = [];
    private readonly TimeSpan? _unacknowledgedEscalation;

    public AlarmBook()
        : this(null)
    {
    }

    /// <param name="unacknowledgedEscalation">
    /// A high-priority alarm nobody acknowledges escalates again after each such interval, like an unanswered
    /// call; null turns this off.
    /// </param>
    public AlarmBook(TimeSpan? unacknowledgedEscalation)
    {
        if (unacknowledgedEscalation is { } interval)
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero, nameof(unacknowledgedEscalation));
        }

        _unacknowledgedEscalation = unacknowledgedEscalation;
    }

    public int Count => _active.Count;

    public IReadOnlyList<ActiveAlarm> Active => [.. _active.Values.Select(e => e.Alarm).OrderByDescending(a => a.Priority).ThenBy(a => a.RaisedAt)];

    /// <summary>Applies a rule's condition; returns the transition it causes, or null when nothing changes.</summary>
    public AlarmTransition? Apply(AlarmCondition condition, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var key = (condition.Type, condition.Subject);
        if (condition.Active)
        {
            if (_active.TryGetValue(key, out var entry))
            {
                if (condition.EscalationLevel <= entry.Alarm.EscalationLevel && condition.Priority <= entry.Alarm.Priority)
                {
                    return null;
                }

                entry.Message = condition.Message;
                return Escalate(entry, Math.Max(condition.EscalationLevel, entry.Alarm.EscalationLevel), condition.Priority, now, condition.Message, condition.Values);
            }

            var alarm = new ActiveAlarm(NewId(key, now), condition.Type, condition.Subject, condition.DeviceId, condition.Priority,
                AlarmState.Raised, now, condition.Message, condition.Values, condition.EscalationLevel);
            var raised = new Entry(alarm, now, condition.Message);
            _active.Add(key, raised);
            return Transition(alarm, AlarmState.Raised, now, condition.Message, condition.Values, raised);
        }

        if (!_active.Remove(key, out var cleared))
        {
            return null;
        }

        return Transition(cleared.Alarm, AlarmState.Cleared, now, condition.Message, condition.Values, entry: null);
    }

    /// <summary>
    /// Takes back an alarm that was active before a restart, with its id, raise time, escalation level and
    /// acknowledgement, and the wait for an acknowledgement going on from when it was raised or last escalated.
    /// Returns its re-announcement (its current state, for local annunciation only: the cloud already has it),
    /// or null when an alarm of the same type and subject is already active.
    /// </summary>
    public AlarmTransition? Restore(StoredAlarm stored, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var alarm = stored.Alarm;
        var key = (alarm.Type, alarm.Subject);
        if (_active.ContainsKey(key))
        {
            return null;
        }

        var entry = new Entry(alarm, stored.AnnouncedAt, stored.RuleMessage);
        _active.Add(key, entry);
        // A re-raise after this one clears must not reuse its id: ids end in the raise time in ms.
        var idMs = long.TryParse(alarm.AlarmId.AsSpan(alarm.AlarmId.LastIndexOf('.') + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? ms
            : alarm.RaisedAt.ToUnixTimeMilliseconds();
        _lastIdMs[key] = Math.Max(idMs, _lastIdMs.GetValueOrDefault(key));
        var message = alarm.State == AlarmState.Acknowledged ? $"{stored.RuleMessage} (acknowledged by {alarm.AcknowledgedBy})" : alarm.Message;
        return Transition(alarm, alarm.State, now, message, alarm.Values, entry);
    }

    /// <summary>Whether an alarm of this type and subject is active.</summary>
    public bool IsActive(string type, string subject) => _active.ContainsKey((type, subject));

    /// <summary>
    /// Clears a stored alarm that is not taken back (its rule or device is gone from the configuration),
    /// so the cloud and the stored state learn that it ended and why, instead of it hanging forever.
    /// </summary>
    public static AlarmTransition ClearStored(StoredAlarm stored, DateTimeOffset now, string reason)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return Transition(stored.Alarm, AlarmState.Cleared, now, reason, stored.Alarm.Values, entry: null);
    }

    /// <summary>
    /// Someone (a nurse at the console, a technician, the cloud) acknowledges an active alarm. Returns the
    /// acknowledged transition, or null when no active alarm has this id or it is already acknowledged.
    /// </summary>
    public AlarmTransition? Acknowledge(string alarmId, string by, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(alarmId);
        ArgumentException.ThrowIfNullOrWhiteSpace(by);
        var entry = _active.Values.FirstOrDefault(e => e.Alarm.AlarmId == alarmId);
        if (entry is null || entry.Alarm.State == AlarmState.Acknowledged)
        {
            return null;
        }

        entry.Alarm = entry.Alarm with { State = AlarmState.Acknowledged, AcknowledgedBy = by, AcknowledgedAt = now };
        var message = $"{entry.Message} (acknowledged by {by})";
        return Transition(entry.Alarm, AlarmState.Acknowledged, now, message, entry.Alarm.Values, entry);
    }

    /// <summary>Escalates the high-priority alarms nobody acknowledged within the interval since they were raised or last escalated.</summary>
    public void Tick(DateTimeOffset now, ICollection<AlarmTransition> transitions)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        if (_unacknowledgedEscalation is not { } interval)
        {
            return;
        }

        foreach (var entry in _active.Values.Where(e => e.Alarm.Priority == AlarmPriority.High && e.Alarm.State != AlarmState.Acknowledged && now - e.AnnouncedAt >= interval).ToList())
        {
            var unanswered = now - entry.AnnouncedAt;
            var message = string.Create(CultureInfo.InvariantCulture, $"{entry.Message} (not acknowledged for {unanswered.TotalSeconds:0.#} s)");
            transitions.Add(Escalate(entry, entry.Alarm.EscalationLevel + 1, entry.Alarm.Priority, now, message, entry.Alarm.Values));
        }
    }

    private static AlarmTransition Escalate(Entry entry, int level, AlarmPriority priority, DateTimeOffset now, string message, IReadOnlyDictionary<string, double> values)
    {
        // An escalation needs a new acknowledgement: whoever acknowledged before has not resolved it in time.
        var escalatedValues = new Dictionary<string, double>(values) { ["escalationLevel"] = level };
        entry.Alarm = entry.Alarm with
        {
            State = AlarmState.Escalated,
            EscalationLevel = level,
            Priority = priority > entry.Alarm.Priority ? priority : entry.Alarm.Priority,
            Message = message,
            Values = escalatedValues,
            AcknowledgedBy = null,
            AcknowledgedAt = null,
        };
        entry.AnnouncedAt = now;
        return Transition(entry.Alarm, AlarmState.Escalated, now, message, escalatedValues, entry);
    }

    /// <summary>A re-raise after a clear is a new alarm with a new id, even within the same millisecond.</summary>
    private string NewId((string Type, string Subject) key, DateTimeOffset now)
    {
        var ms = now.ToUnixTimeMilliseconds();
        if (_lastIdMs.TryGetValue(key, out var last) && ms <= last)
        {
            ms = last + 1;
        }

        _lastIdMs[key] = ms;
        return string.Create(CultureInfo.InvariantCulture, $"{key.Type}.{key.Subject}.{ms}");
    }

    /// <param name="entry">The alarm's entry after this transition, or null when it cleared.</param>
    private static AlarmTransition Transition(ActiveAlarm alarm, AlarmState state, DateTimeOffset now, string message, IReadOnlyDictionary<string, double> values, Entry? entry) =>
        new(alarm.AlarmId, alarm.Type, alarm.Subject, alarm.DeviceId, alarm.Priority, state, now, alarm.RaisedAt, message, values,
            state == AlarmState.Acknowledged ? alarm.AcknowledgedBy : null)
        {
            Stored = entry is null ? null : new StoredAlarm(entry.Alarm, entry.AnnouncedAt, entry.Message),
        };

    private sealed class Entry(ActiveAlarm alarm, DateTimeOffset announcedAt, string message)
    {
        public ActiveAlarm Alarm { get; set; } = alarm;

        /// <summary>The rule's own message, without what the book adds (acknowledged by, not acknowledged for).</summary>
        public string Message { get; set; } = message;

        /// <summary>When it was raised or last escalated: the start of the wait for an acknowledgement.</summary>
        public DateTimeOffset AnnouncedAt { get; set; } = announcedAt;
    }
}
