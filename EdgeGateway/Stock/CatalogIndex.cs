namespace EdgeGateway.Stock;

/// <summary>
/// The catalog in memory, immutable, so the engine and the admin socket look items up without touching
/// the database: by GTIN and serial first, then the GTIN's lot that covers every unlisted serial.
/// </summary>
public sealed class CatalogIndex
{
    private readonly Dictionary<string, Product> _products;

    public CatalogIndex(IReadOnlyList<CatalogEntry> entries, DateTimeOffset? importedAt = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entries = entries;
        ImportedAt = importedAt;
        _products = new Dictionary<string, Product>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (!_products.TryGetValue(entry.Gtin, out var product))
            {
                _products[entry.Gtin] = product = new Product(entry.Name);
            }

            if (entry.Serials.IsAll)
            {
                product.RestOfGtin = entry;
                continue;
            }

            foreach (var serial in entry.Serials.Singles)
            {
                product.BySerial[serial] = entry;
            }

            if (entry.Serials.Ranges.Count > 0)
            {
                product.WithRanges.Add(entry);
            }
        }
    }

    public static CatalogIndex Empty { get; } = new([]);

    public IReadOnlyList<CatalogEntry> Entries { get; }

    public DateTimeOffset? ImportedAt { get; }

    /// <summary>The product name of a GTIN, or null when the catalog does not know it.</summary>
    public string? NameOf(string gtin) => _products.TryGetValue(gtin, out var product) ? product.Name : null;

    /// <summary>The lot a tagged item belongs to, or null when the catalog does not cover it.</summary>
    public CatalogEntry? Lookup(string gtin, string serial)
    {
        if (!_products.TryGetValue(gtin, out var product))
        {
            return null;
        }

        if (product.BySerial.TryGetValue(serial, out var listed))
        {
            return listed;
        }

        return product.WithRanges.Find(e => e.Serials.Contains(serial)) ?? product.RestOfGtin;
    }

    private sealed class Product(string name)
    {
        public string Name { get; } = name;

        public Dictionary<string, CatalogEntry> BySerial { get; } = new(StringComparer.Ordinal);

        public List<CatalogEntry> WithRanges { get; } = [];

        public CatalogEntry? RestOfGtin { get; set; }
    }
}
