using System.Globalization;
using EdgeGateway.Drivers;
using EdgeGateway.Stock;

namespace EdgeGateway.Alarms;

/// <summary>
/// Lot near expiry / expired (design.md §5): tagged items in stock whose lot (from the technician's product
/// catalog) expires within the location's near-expiry days, or has expired — expired is high priority, as a
/// nurse must not use it. One alarm per location, product and lot; cleared when no item of the lot is left
/// there (the window has passed since it was last seen). Evaluated every few seconds: dates move slowly.
/// </summary>
public sealed class LotExpiryRule(StockTracker tracker, Func<CatalogIndex> catalog, int defaultNearExpiryDays, AlarmPriority nearPriority) : IAlarmRule
{
    public const string NearType = "lot_near_expiry";
    public const string ExpiredType = "lot_expired";
    private static readonly TimeSpan Every = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, ActiveLot> _active = new(StringComparer.Ordinal);
    private DateTimeOffset _last = DateTimeOffset.MinValue;

    public void Observe(DeviceEvent deviceEvent, DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        // Items come from the tracker, which the engine feeds with every tag reading; evaluated on ticks.
    }

    public void Tick(DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (now - _last < Every)
        {
            return;
        }

        _last = now;
        var index = catalog();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var due = new Dictionary<string, ((string Location, string Gtin, string Lot) Key, CatalogEntry Entry, int Items, int NearDays)>(StringComparer.Ordinal);
        foreach (var item in tracker.Items(now))
        {
            if (index.Lookup(item.Gtin, item.Serial) is not { } entry)
            {
                continue;
            }

            var nearDays = tracker.Plan.Minimums.FirstOrDefault(m => m.Location == item.Location && m.Gtin == item.Gtin)?.NearExpiryDays ?? defaultNearExpiryDays;
            if (entry.Expiry.DayNumber - today.DayNumber > nearDays)
            {
                continue;
            }

            var key = (item.Location, item.Gtin, entry.Lot);
            var subject = Subject(key);
            due[subject] = (key, entry, due.GetValueOrDefault(subject).Items + 1, nearDays);
        }

        foreach (var (subject, (key, entry, items, nearDays)) in due)
        {
            var daysLeft = entry.Expiry.DayNumber - today.DayNumber;
            var type = daysLeft < 0 ? ExpiredType : NearType;
            var current = _active.GetValueOrDefault(subject);
            _active[subject] = new ActiveLot(type, key.Location, key.Lot, HeldUntil: null);
            if (current?.Type == type)
            {
                continue;
            }

            if (current is not null)
            {
                conditions.Add(Condition(current.Type, subject, items, daysLeft, nearDays, active: false, $"lot {entry.Lot} at {key.Location} has now expired"));
            }

            var text = daysLeft < 0
                ? $"{items} of {entry.Name} lot {entry.Lot} at {key.Location} expired on {entry.Expiry:yyyy-MM-dd}: do not use"
                : $"{items} of {entry.Name} lot {entry.Lot} at {key.Location} expire on {entry.Expiry:yyyy-MM-dd}, in {daysLeft} days";
            conditions.Add(Condition(type, subject, items, daysLeft, nearDays, active: true, text));
        }

        foreach (var (subject, lot) in _active.Where(a => !due.ContainsKey(a.Key) && (a.Value.HeldUntil is not { } held || held <= now)).ToList())
        {
            _active.Remove(subject);
            conditions.Add(new AlarmCondition(lot.Type, subject, null, false, lot.Type == ExpiredType ? AlarmPriority.High : nearPriority,
                $"no item of lot {lot.Lot} left at {lot.Location}", new Dictionary<string, double> { ["items"] = 0 }));
        }
    }

    /// <summary>
    /// A restored lot alarm: the stock tracker starts empty after a restart, so the lot is not taken for gone
    /// before the location's window has passed (as a shelf is not empty at start); by then the items still
    /// there have been read again and keep it, or it clears. The date passing turns near expiry into expired
    /// as usual. A location no longer configured is <see cref="AlarmAdoption.SubjectRemoved"/>.
    /// </summary>
    public AlarmAdoption Adopt(ActiveAlarm alarm, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (alarm.Type is not (NearType or ExpiredType))
        {
            return AlarmAdoption.NotThisRule;
        }

        // Subject: {location slug}.{gtin}.{lot slug}; slugs hold no '.'.
        var parts = alarm.Subject.Split('.');
        var location = parts.Length == 3 ? tracker.Plan.Locations.FirstOrDefault(l => AlarmSubjects.Slug(l) == parts[0]) : null;
        if (location is null)
        {
            return AlarmAdoption.SubjectRemoved;
        }

        _active[alarm.Subject] = new ActiveLot(alarm.Type, location, parts[2], now + tracker.Plan.WindowOf(location));
        return AlarmAdoption.Adopted;
    }

    private AlarmCondition Condition(string type, string subject, int items, int daysLeft, int nearDays, bool active, string message) =>
        new(type, subject, null, active, type == ExpiredType ? AlarmPriority.High : nearPriority, message, new Dictionary<string, double>
        {
            ["items"] = items,
            ["daysToExpiry"] = daysLeft,
            ["nearExpiryDays"] = nearDays,
        });

    private static string Subject((string Location, string Gtin, string Lot) key) =>
        string.Create(CultureInfo.InvariantCulture, $"{AlarmSubjects.Slug(key.Location)}.{key.Gtin}.{AlarmSubjects.Slug(key.Lot)}");

    /// <param name="Lot">The lot as the catalog spells it, or its slug for an alarm restored and not seen again yet.</param>
    /// <param name="HeldUntil">For a restored alarm: not cleared for want of items before then.</param>
    private sealed record ActiveLot(string Type, string Location, string Lot, DateTimeOffset? HeldUntil);
}
