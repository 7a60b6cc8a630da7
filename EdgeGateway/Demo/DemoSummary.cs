using EdgeGateway.Alarms;

namespace EdgeGateway.Demo;

/// <summary>
/// What the demo saw, for its closing table: per alarm kind, how many transitions of each state, and how many
/// readings. Not thread-safe: <see cref="DemoConsole"/> counts under its own lock.
/// </summary>
internal sealed class DemoSummary
{
    /// <summary>Every alarm kind the rules raise (EdgeGateway/Alarms), in the order of design.md §5.</summary>
    public static IReadOnlyList<string> AlarmKinds { get; } =
    [
        BedExitRule.AlarmType,
        ApneaRule.AlarmType,
        VitalsRule.HeartRateType,
        VitalsRule.RespirationRateType,
        SignalLostRule.AlarmType,
        CallEscalationRule.AlarmType,
        PipeBurstRule.AlarmType,
        StockBelowMinimumRule.AlarmType,
        LotExpiryRule.NearType,
        LotExpiryRule.ExpiredType,
        DeviceSilentRule.AlarmType,
        ThresholdRule.AlarmType,
    ];

    private readonly Dictionary<string, int[]> _transitions = new(StringComparer.Ordinal);

    public long Readings { get; private set; }

    public long Transitions { get; private set; }

    public void Count(AlarmTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        Transitions++;
        if (!_transitions.TryGetValue(transition.Type, out var counts))
        {
            counts = new int[4];
            _transitions.Add(transition.Type, counts);
        }

        counts[(int)transition.State]++;
    }

    public void CountReading() => Readings++;

    /// <summary>How many transitions of <paramref name="type"/> reached <paramref name="state"/>.</summary>
    public int Of(string type, AlarmState state) => _transitions.TryGetValue(type, out var counts) ? counts[(int)state] : 0;

    /// <summary>The kinds to list: every kind the product has, then any other type seen.</summary>
    public IEnumerable<string> Kinds() => AlarmKinds.Concat(_transitions.Keys.Where(k => !AlarmKinds.Contains(k)).Order(StringComparer.Ordinal));
}
