namespace EdgeGateway.Stock;

/// <summary>Why one line of a catalog file cannot be imported.</summary>
public sealed record CatalogRowError(int Line, string Reason)
{
    public override string ToString() => $"line {Line}: {Reason}";
}
