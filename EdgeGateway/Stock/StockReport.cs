namespace EdgeGateway.Stock;

/// <summary>What the admin socket's <c>stock</c> command answers.</summary>
/// <param name="Levels">One row per (location, GTIN) seen or given a minimum, ordered by location then GTIN.</param>
/// <param name="UnmappedReadings">Tag reads ignored since start: antenna or reader mapped to no location.</param>
/// <param name="NotSgtinReadings">Tag reads ignored since start: the EPC is not an SGTIN.</param>
/// <param name="CatalogEntries">Lots in the catalog.</param>
/// <param name="CatalogProblem">Why the catalog cannot be read, if it cannot.</param>
public sealed record StockReport(
    IReadOnlyList<StockLevel> Levels,
    long UnmappedReadings,
    long NotSgtinReadings,
    int CatalogEntries,
    string? CatalogProblem)
{
    /// <summary>Joins what the tracker sees with the configured minimums and the catalog's lots, at <paramref name="now"/>.</summary>
    public static StockReport Build(StockTracker tracker, CatalogIndex catalog, string? catalogProblem, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(tracker);
        ArgumentNullException.ThrowIfNull(catalog);
        var minimums = tracker.Plan.Minimums.ToDictionary(m => (m.Location, m.Gtin), m => m.Minimum);
        var present = tracker.Items(now).ToLookup(i => (i.Location, i.Gtin));
        var levels = present.Select(g => g.Key).Union(minimums.Keys)
            .OrderBy(k => k.Location, StringComparer.Ordinal).ThenBy(k => k.Gtin, StringComparer.Ordinal)
            .Select(key =>
            {
                var items = present[key].ToList();
                var lots = items.Select(i => catalog.Lookup(i.Gtin, i.Serial)).ToList();
                var nearest = lots.OfType<CatalogEntry>().OrderBy(l => l.Expiry).FirstOrDefault();
                int? minimum = minimums.TryGetValue(key, out var m) ? m : null;
                return new StockLevel(key.Location, key.Gtin, catalog.NameOf(key.Gtin), items.Count, minimum, items.Count < minimum,
                    nearest?.Expiry, nearest?.Lot, lots.Count(l => l is null));
            })
            .ToList();
        return new StockReport(levels, tracker.UnmappedReadings, tracker.NotSgtinReadings, catalog.Entries.Count, catalogProblem);
    }
}
