using EdgeGateway.Drivers;
using EdgeGateway.Stock;

namespace EdgeGateway.Alarms;

/// <summary>
/// Stock under minimum (design.md §5): the unique tagged items of a product at a location, over the
/// tracker's sliding window, below the configured minimum. Raised only after the level has been low for
/// the hold time (at least the location's window, so a gateway that just started, or a missed report, is
/// not "empty"), and cleared only after it has been back at the minimum as long: hysteresis in time.
/// </summary>
public sealed class StockBelowMinimumRule(StockTracker tracker, Func<CatalogIndex> catalog, AlarmPriority priority, TimeSpan hold) : IAlarmRule
{
    public const string AlarmType = "stock_below_minimum";

    private readonly Dictionary<(string Location, string Gtin), Level> _levels = [];

    public void Observe(DeviceEvent deviceEvent, DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        // Levels come from the tracker, which the engine feeds with every tag reading; evaluated on ticks.
    }

    public void Tick(DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        foreach (var minimum in tracker.Plan.Minimums)
        {
            var key = (minimum.Location, minimum.Gtin);
            if (!_levels.TryGetValue(key, out var level))
            {
                level = new Level(now);
                _levels.Add(key, level);
            }

            var count = tracker.Level(minimum.Location, minimum.Gtin, now);
            var low = count < minimum.Minimum;
            if (low != level.Low)
            {
                level.Low = low;
                level.Since = now;
            }

            var settled = now - level.Since >= Max(hold, tracker.Plan.WindowOf(minimum.Location));
            if (settled && low != level.Alarmed)
            {
                level.Alarmed = low;
                var name = catalog().NameOf(minimum.Gtin) ?? minimum.Gtin;
                var message = low
                    ? $"{name} at {minimum.Location}: {count} left, minimum {minimum.Minimum}"
                    : $"{name} at {minimum.Location}: restocked to {count} (minimum {minimum.Minimum})";
                conditions.Add(new AlarmCondition(AlarmType, Subject(minimum), null, low, priority,
                    message, new Dictionary<string, double> { ["count"] = count, ["minimum"] = minimum.Minimum }));
            }
        }
    }

    /// <summary>
    /// A restored low stock level: it clears only once the level has been back at the minimum for the hold
    /// time, as any other; a tracker that has seen nothing since the restart keeps it low, so it stays.
    /// A minimum no longer configured is <see cref="AlarmAdoption.SubjectRemoved"/>.
    /// </summary>
    public AlarmAdoption Adopt(ActiveAlarm alarm, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (alarm.Type != AlarmType)
        {
            return AlarmAdoption.NotThisRule;
        }

        var minimum = tracker.Plan.Minimums.FirstOrDefault(m => Subject(m) == alarm.Subject);
        if (minimum is null)
        {
            return AlarmAdoption.SubjectRemoved;
        }

        _levels[(minimum.Location, minimum.Gtin)] = new Level(now) { Low = true, Alarmed = true };
        return AlarmAdoption.Adopted;
    }

    private static string Subject(StockMinimum minimum) => $"{AlarmSubjects.Slug(minimum.Location)}.{minimum.Gtin}";

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed class Level(DateTimeOffset since)
    {
        public bool Low { get; set; }

        public DateTimeOffset Since { get; set; } = since;

        public bool Alarmed { get; set; }
    }
}
