namespace EdgeGateway.Stock;

/// <summary>What <c>catalog.list</c> answers: the catalog as imported, one row per lot.</summary>
/// <param name="ImportedAt">When the catalog was last imported, or null if never.</param>
/// <param name="Problem">Why the catalog cannot be read, if it cannot.</param>
public sealed record CatalogListing(DateTimeOffset? ImportedAt, string? Problem, IReadOnlyList<CatalogListing.Row> Entries)
{
    /// <summary>One lot; <paramref name="Serials"/> is empty when the lot covers every unlisted serial of the GTIN.</summary>
    public sealed record Row(string Gtin, string Name, string Lot, DateOnly Expiry, string Serials);

    public static CatalogListing Of(CatalogIndex catalog, string? problem)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        return new CatalogListing(catalog.ImportedAt, problem, [.. catalog.Entries
            .OrderBy(e => e.Gtin, StringComparer.Ordinal).ThenBy(e => e.Lot, StringComparer.Ordinal)
            .Select(e => new Row(e.Gtin, e.Name, e.Lot, e.Expiry, e.Serials.ToString()))]);
    }
}
