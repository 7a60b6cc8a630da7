namespace EdgeGateway.Stock;

/// <summary>One tagged item (unique EPC) present at a location: last read at <paramref name="LastSeen"/> (engine time).</summary>
public sealed record StockItem(string Epc, string Location, string Gtin, string Serial, DateTimeOffset LastSeen);
