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

    private readonly Dictionary<(string Location, string Gtin, string Lot), string> _active = [];
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
        var due = new Dictionary<(string Location, string Gtin, string Lot), (CatalogEntry Entry, int Items, int NearDays)>();
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
            due[key] = (entry, due.GetValueOrDefault(key).Items + 1, nearDays);
        }

        foreach (var (key, (entry, items, nearDays)) in due)
        {
            var daysLeft = entry.Expiry.DayNumber - today.DayNumber;
            var type = daysLeft < 0 ? ExpiredType : NearType;
            if (_active.TryGetValue(key, out var current) && current == type)
            {
                continue;
            }

            if (current is not null)
            {
                conditions.Add(Condition(current, key, items, daysLeft, nearDays, active: false, $"lot {entry.Lot} at {key.Location} has now expired"));
            }

            _active[key] = type;
            var text = daysLeft < 0
                ? $"{items} of {entry.Name} lot {entry.Lot} at {key.Location} expired on {entry.Expiry:yyyy-MM-dd}: do not use"
                : $"{items} of {entry.Name} lot {entry.Lot} at {key.Location} expire on {entry.Expiry:yyyy-MM-dd}, in {daysLeft} days";
            conditions.Add(Condition(type, key, items, daysLeft, nearDays, active: true, text));
        }

        foreach (var (key, type) in _active.Where(a => !due.ContainsKey(a.Key)).ToList())
        {
            _active.Remove(key);
            conditions.Add(new AlarmCondition(type, Subject(key), null, false, type == ExpiredType ? AlarmPriority.High : nearPriority,
                $"no item of lot {key.Lot} left at {key.Location}", new Dictionary<string, double> { ["items"] = 0 }));
        }
    }

    private AlarmCondition Condition(string type, (string Location, string Gtin, string Lot) key, int items, int daysLeft, int nearDays, bool active, string message) =>
        new(type, Subject(key), null, active, type == ExpiredType ? AlarmPriority.High : nearPriority, message, new Dictionary<string, double>
        {
            ["items"] = items,
            ["daysToExpiry"] = daysLeft,
            ["nearExpiryDays"] = nearDays,
        });

    private static string Subject((string Location, string Gtin, string Lot) key) =>
        string.Create(CultureInfo.InvariantCulture, $"{AlarmSubjects.Slug(key.Location)}.{key.Gtin}.{AlarmSubjects.Slug(key.Lot)}");
}
