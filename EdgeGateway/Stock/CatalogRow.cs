namespace EdgeGateway.Stock;

/// <summary>
/// One data row of a catalog CSV as written (before validation), with the file line it starts on; also
/// what <c>catalog import</c> sends to the daemon, which validates it again.
/// </summary>
public sealed record CatalogRow(int Line, string Gtin, string Name, string Lot, string Expiry, string Serials);
