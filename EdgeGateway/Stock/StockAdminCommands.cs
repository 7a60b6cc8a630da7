using System.Text.Json;
using EdgeGateway.Admin;

namespace EdgeGateway.Stock;

/// <summary>
/// The admin socket's stock and catalog commands: <c>stock</c>, <c>catalog.list</c>, and
/// <c>catalog.import</c> (payload <c>{"rows":[{line, gtin, name, lot, expiry, serials}, ...]}</c>, checked
/// again here: the socket is not only used by our CLI).
/// </summary>
public sealed class StockAdminCommands(StockTracker tracker, CatalogStore catalog, TimeProvider time)
{
    public static IReadOnlyList<string> Names { get; } = ["stock", "catalog.list", "catalog.import"];

    /// <exception cref="ArgumentException">The request or one of its rows is invalid.</exception>
    /// <exception cref="InvalidOperationException">The catalog cannot be written.</exception>
    public async Task<JsonElement> ExecuteAsync(AdminRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Command switch
        {
            "stock" => AdminJson.ToElement(StockReport.Build(tracker, catalog.Current, catalog.Problem, time.GetUtcNow())),
            "catalog.list" => AdminJson.ToElement(CatalogListing.Of(catalog.Current, catalog.Problem)),
            "catalog.import" => AdminJson.ToElement(await ImportAsync(request.Payload, cancellationToken)),
            _ => throw new ArgumentException($"unknown command \"{request.Command}\""),
        };
    }

    private async Task<CatalogImportSummary> ImportAsync(JsonElement? payload, CancellationToken cancellationToken)
    {
        var rows = payload is { ValueKind: JsonValueKind.Object } body && body.TryGetProperty("rows", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.Deserialize(AdminJson.Info<List<CatalogRow>>()) ?? []
            : throw new ArgumentException("catalog.import needs a payload {\"rows\": [...]}");
        if (rows.Exists(r => r is null || r.Gtin is null || r.Name is null || r.Lot is null || r.Expiry is null || r.Serials is null))
        {
            throw new ArgumentException("every row needs line, gtin, name, lot, expiry and serials");
        }

        var (entries, errors) = CatalogImport.Validate(rows);
        if (errors.Count > 0)
        {
            throw new ArgumentException($"nothing imported: {errors.Count} bad row{(errors.Count == 1 ? "" : "s")}: {string.Join("; ", errors.Take(20))}");
        }

        return await catalog.ReplaceAsync(entries, cancellationToken);
    }
}
