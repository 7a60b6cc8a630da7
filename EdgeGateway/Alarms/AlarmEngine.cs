using EdgeGateway.Drivers;

namespace EdgeGateway.Alarms;

/// <summary>
/// Runs every rule over each event and tick and keeps the alarm book. Not thread-safe by design: the
/// engine service is its single consumer, so alarms are evaluated in the order events arrived.
/// </summary>
public sealed class AlarmEngine
{
    /// <summary>The default of alarms.unacknowledgedEscalationSeconds.</summary>
    public static readonly TimeSpan DefaultUnacknowledgedEscalation = TimeSpan.FromSeconds(120);

    private readonly IAlarmRule[] _rules;
    private readonly List<AlarmCondition> _conditions = [];

    public AlarmEngine(IEnumerable<IAlarmRule> rules)
        : this(rules, DefaultUnacknowledgedEscalation)
    {
    }

    /// <param name="unacknowledgedEscalation">See <see cref="AlarmBook(TimeSpan?)"/>; null turns it off.</param>
    public AlarmEngine(IEnumerable<IAlarmRule> rules, TimeSpan? unacknowledgedEscalation)
    {
        ArgumentNullException.ThrowIfNull(rules);
        _rules = [.. rules];
        Book = new AlarmBook(unacknowledgedEscalation);
    }

    public AlarmBook Book { get; }

    /// <summary>The rules, for commands that reach one (arming a bed: <see cref="BedExitRule.SetArmed"/>).</summary>
    public IReadOnlyList<IAlarmRule> Rules => _rules;

    /// <summary>
    /// Takes back the alarms that were active before a restart, before the first event: each goes to the rule
    /// of its type, which adopts it, so it keeps its id, raise time, escalation and acknowledgement and is
    /// neither raised a second time nor stuck. Their re-announcements (local annunciation only: the cloud
    /// already has them) are added to <paramref name="reannounced"/>. A stored alarm whose device, subject or
    /// rule is no longer configured is cleared with the reason in its message; those clears are added to
    /// <paramref name="transitions"/>, to be announced and forwarded like any other.
    /// </summary>
    /// <param name="devices">The ids of the configured devices.</param>
    public void Restore(IEnumerable<StoredAlarm> stored, IReadOnlySet<string> devices, DateTimeOffset now, ICollection<AlarmTransition> reannounced, ICollection<AlarmTransition> transitions)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(reannounced);
        ArgumentNullException.ThrowIfNull(transitions);
        // Newest first: should two stored alarms share a type and subject, the newer one is the one kept.
        foreach (var entry in stored.OrderByDescending(s => s.Alarm.RaisedAt))
        {
            var alarm = entry.Alarm;
            if (Unowned(alarm, devices, now) is { } reason)
            {
                transitions.Add(AlarmBook.ClearStored(entry, now, $"{alarm.Type} on {alarm.Subject} cleared after a restart: {reason}"));
            }
            else if (Book.Restore(entry, now) is { } reannouncement)
            {
                reannounced.Add(reannouncement);
            }
        }
    }

    /// <summary>Feeds one device event; transitions are added to <paramref name="transitions"/>.</summary>
    public void Process(DeviceEvent deviceEvent, DateTimeOffset now, ICollection<AlarmTransition> transitions)
    {
        foreach (var rule in _rules)
        {
            rule.Observe(deviceEvent, now, _conditions);
        }

        Apply(now, transitions);
    }

    /// <summary>Advances time-based rules (silence, hold times, escalation) and the wait for acknowledgements.</summary>
    public void Tick(DateTimeOffset now, ICollection<AlarmTransition> transitions)
    {
        foreach (var rule in _rules)
        {
            rule.Tick(now, _conditions);
        }

        Apply(now, transitions);
        Book.Tick(now, transitions);
    }

    /// <summary>Hands a stored alarm to its rule; returns why none can take it, or null once one has.</summary>
    private string? Unowned(ActiveAlarm alarm, IReadOnlySet<string> devices, DateTimeOffset now)
    {
        if (alarm.DeviceId is { } deviceId && !devices.Contains(deviceId))
        {
            return $"device {deviceId} removed from configuration";
        }

        if (Book.IsActive(alarm.Type, alarm.Subject))
        {
            return "a newer alarm on the same subject was restored";
        }

        foreach (var rule in _rules)
        {
            switch (rule.Adopt(alarm, now))
            {
                case AlarmAdoption.Adopted:
                    return null;
                case AlarmAdoption.SubjectRemoved:
                    return $"{alarm.Subject} is no longer configured for {alarm.Type} alarms";
            }
        }

        return $"{alarm.Type} alarms are no longer enabled in the configuration";
    }

    private void Apply(DateTimeOffset now, ICollection<AlarmTransition> transitions)
    {
        ArgumentNullException.ThrowIfNull(transitions);
        foreach (var condition in _conditions)
        {
            if (Book.Apply(condition, now) is { } transition)
            {
                transitions.Add(transition);
            }
        }

        _conditions.Clear();
    }
}
