namespace EdgeGateway.Stock;

/// <summary>The daemon's answer to <c>catalog.import</c>: what the catalog holds now and what it replaced.</summary>
/// <param name="Entries">Rows (lots) now in the catalog.</param>
/// <param name="Products">Distinct GTINs now in the catalog.</param>
/// <param name="SerialEntries">Lots that list their serials.</param>
/// <param name="LotEntries">Lots that cover every serial of their GTIN not listed elsewhere.</param>
/// <param name="Replaced">Rows the previous catalog held.</param>
public sealed record CatalogImportSummary(int Entries, int Products, int SerialEntries, int LotEntries, int Replaced, DateTimeOffset ImportedAt);
