namespace EdgeGateway.Stock;

/// <summary>One row of <c>edgegw stock</c>: how many unique items of a product are at a location, against its minimum.</summary>
/// <param name="Name">Product name from the catalog, or null when the catalog does not list the GTIN.</param>
/// <param name="Minimum">Configured minimum, or null when none is configured.</param>
/// <param name="NearestExpiry">Earliest expiry among the items present whose lot the catalog knows.</param>
/// <param name="NearestLot">The lot that expires first.</param>
/// <param name="Uncatalogued">Items present whose serial no catalog lot covers.</param>
public sealed record StockLevel(
    string Location,
    string Gtin,
    string? Name,
    int Count,
    int? Minimum,
    bool BelowMinimum,
    DateOnly? NearestExpiry,
    string? NearestLot,
    int Uncatalogued);
