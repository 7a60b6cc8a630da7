using EdgeGateway.Drivers;

namespace EdgeGateway.Alarms;

/// <summary>
/// Runs every rule over each event and tick and keeps the alarm book. Not thread-safe by design: the
/// engine service is its single consumer, so alarms are evaluated in the order events arrived.
/// </summary>
public sealed class AlarmEngine(IEnumerable<IAlarmRule> rules)
{
    private readonly IAlarmRule[] _rules = [.. rules];
    private readonly List<AlarmCondition> _conditions = [];

    public AlarmBook Book { get; } = new();

    /// <summary>Feeds one device event; transitions are added to <paramref name="transitions"/>.</summary>
    public void Process(DeviceEvent deviceEvent, DateTimeOffset now, ICollection<AlarmTransition> transitions)
    {
        foreach (var rule in _rules)
        {
            rule.Observe(deviceEvent, now, _conditions);
        }

        Apply(now, transitions);
    }

    /// <summary>Advances time-based rules (silence, hold times, escalation).</summary>
    public void Tick(DateTimeOffset now, ICollection<AlarmTransition> transitions)
    {
        foreach (var rule in _rules)
        {
            rule.Tick(now, _conditions);
        }

        Apply(now, transitions);
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
