using EdgeGateway.Alarms;
using EdgeGateway.Drivers;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// An alarm engine on a <see cref="FakeTimeProvider"/> that can be restarted: a new engine with new rule
/// instances that restores what the first one stored. The stored alarms are kept as the outbox keeps them
/// (each transition's <see cref="AlarmTransition.Stored"/> upserted, a clear deleting), so a rule test needs
/// no SQLite; <c>ActiveAlarmStoreRestoreTests</c> checks that the real table holds the same.
/// </summary>
internal sealed class AlarmRestartHarness
{
    private readonly Func<DateTimeOffset, IAlarmRule[]> _rules;
    private readonly TimeSpan? _unacknowledgedEscalation;
    private readonly Dictionary<string, StoredAlarm> _stored = new(StringComparer.Ordinal);

    /// <param name="rules">New rule instances, given the time they are made (the daemon's start).</param>
    public AlarmRestartHarness(Func<DateTimeOffset, IAlarmRule[]> rules, TimeSpan? unacknowledgedEscalation = null)
    {
        _rules = rules;
        _unacknowledgedEscalation = unacknowledgedEscalation;
        Engine = new AlarmEngine(rules(Time.GetUtcNow()), unacknowledgedEscalation);
    }

    public FakeTimeProvider Time { get; } = new(AlarmHarness.Start);

    public AlarmEngine Engine { get; private set; }

    /// <summary>Every transition since the harness began or was last restarted (announced and forwarded).</summary>
    public List<AlarmTransition> Transitions { get; } = [];

    /// <summary>The re-announcements of the last restart (local only, never forwarded).</summary>
    public List<AlarmTransition> Reannounced { get; } = [];

    public IReadOnlyCollection<StoredAlarm> Stored => _stored.Values;

    /// <summary>Sets the fake clock to <paramref name="seconds"/> after <see cref="AlarmHarness.Start"/>.</summary>
    public void At(double seconds) => Time.SetUtcNow(AlarmHarness.At(seconds));

    /// <summary>Feeds an event at its own time stamp.</summary>
    public void Feed(DeviceEvent deviceEvent)
    {
        Time.SetUtcNow(deviceEvent.Timestamp);
        Record(t => Engine.Process(deviceEvent, Time.GetUtcNow(), t));
    }

    public void Tick(double seconds)
    {
        At(seconds);
        Record(t => Engine.Tick(Time.GetUtcNow(), t));
    }

    /// <summary>One event a second from <paramref name="from"/> to <paramref name="to"/> inclusive, each followed by a tick, as the engine's timer would.</summary>
    public void EverySecond(double from, double to, Func<double, DeviceEvent> reading)
    {
        for (var t = from; t <= to; t++)
        {
            Feed(reading(t));
            Tick(t);
        }
    }

    /// <summary>Ticks every second, with no event at all.</summary>
    public void Quiet(double from, double to)
    {
        for (var t = from; t <= to; t++)
        {
            Tick(t);
        }
    }

    public void Acknowledge(string alarmId, string by, double seconds)
    {
        At(seconds);
        Record(t => t.Add(Engine.Book.Acknowledge(alarmId, by, Time.GetUtcNow())!));
    }

    /// <summary>
    /// The daemon restarts at <paramref name="seconds"/>: new rules (optionally another configuration's), a
    /// new engine that restores what was stored, with only <paramref name="devices"/> configured (every
    /// device of a stored alarm when null).
    /// </summary>
    public void Restart(double seconds, IEnumerable<string>? devices = null, Func<DateTimeOffset, IAlarmRule[]>? rules = null)
    {
        At(seconds);
        Transitions.Clear();
        Reannounced.Clear();
        Engine = new AlarmEngine((rules ?? _rules)(Time.GetUtcNow()), _unacknowledgedEscalation);
        var configured = (devices ?? _stored.Values.Select(s => s.Alarm.DeviceId).OfType<string>()).ToHashSet(StringComparer.Ordinal);
        Record(t => Engine.Restore([.. _stored.Values], configured, Time.GetUtcNow(), Reannounced, t));
    }

    public AlarmTransition Single(AlarmState state) => Assert.Single(Transitions, t => t.State == state);

    private void Record(Action<List<AlarmTransition>> act)
    {
        var from = Transitions.Count;
        act(Transitions);
        foreach (var transition in Transitions.Skip(from))
        {
            if (transition.Stored is { } stored)
            {
                _stored[transition.AlarmId] = stored;
            }
            else
            {
                _stored.Remove(transition.AlarmId);
            }
        }
    }
}
