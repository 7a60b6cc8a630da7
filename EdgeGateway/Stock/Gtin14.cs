using EdgeGateway.Drivers.Epc;

namespace EdgeGateway.Stock;

/// <summary>The GTIN-14 rules the catalog and the stock configuration share (GS1 General Specifications §3.3.2, §7.9).</summary>
public static class Gtin14
{
    /// <summary>Why <paramref name="gtin"/> is not a GTIN-14, or null when it is one (14 digits, check digit right).</summary>
    public static string? Problem(string? gtin)
    {
        if (string.IsNullOrEmpty(gtin))
        {
            return "GTIN is empty";
        }

        if (gtin.Length != 14 || !gtin.All(char.IsAsciiDigit))
        {
            return $"GTIN \"{gtin}\" is not 14 digits";
        }

        var expected = Gs1CheckDigit.Compute(gtin.AsSpan(0, 13));
        return gtin[13] == expected ? null : $"GTIN \"{gtin}\" has check digit {gtin[13]}, expected {expected}";
    }
}
