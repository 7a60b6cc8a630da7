namespace EdgeGateway.Stock;

/// <summary>The configured floor for one product at one location (config <c>devices[i].stock.locations[j].minimums[k]</c>).</summary>
public sealed record StockMinimum(string Location, string Gtin, int Minimum, int NearExpiryDays);
