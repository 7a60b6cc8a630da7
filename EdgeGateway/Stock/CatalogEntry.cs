namespace EdgeGateway.Stock;

/// <summary>One lot of one product in the catalog: which serials of the GTIN it covers (all others when <see cref="SerialSet.IsAll"/>).</summary>
public sealed record CatalogEntry(string Gtin, string Name, string Lot, DateOnly Expiry, SerialSet Serials);
