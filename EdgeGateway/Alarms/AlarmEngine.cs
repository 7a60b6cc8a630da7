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
