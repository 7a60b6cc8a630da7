namespace EdgeGateway.Stock;

/// <summary>The payload of the admin socket's <c>catalog.import</c>: <c>{"rows":[…]}</c>.</summary>
public sealed record CatalogImportRequest(IReadOnlyList<CatalogRow> Rows);
