using System.Globalization;

namespace EdgeGateway.Stock;

/// <summary>
/// Checks catalog rows (docs/catalog.md) and turns them into entries: every bad row is reported with its
/// line and reason, and a catalog with any bad row yields no entries at all. Run by the CLI before it
/// sends the rows and again by the daemon before it stores them.
/// </summary>
public static class CatalogImport
{
    public const int MaxNameLength = 200;
    public const int MaxLotLength = 20;

    public static (IReadOnlyList<CatalogEntry> Entries, IReadOnlyList<CatalogRowError> Errors) Validate(IReadOnlyList<CatalogRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var entries = new List<CatalogEntry>();
        var byGtin = new Dictionary<string, List<(int Line, CatalogEntry Entry)>>(StringComparer.Ordinal);
        var errors = new List<CatalogRowError>();
        foreach (var row in rows)
        {
            var problem = Check(row, out var entry);
            var sameGtin = entry is null ? null : RowsOf(byGtin, entry.Gtin);
            problem ??= Conflict(entry!, sameGtin!);
            if (problem is null)
            {
                entries.Add(entry!);
                sameGtin!.Add((row.Line, entry!));
            }
            else
            {
                errors.Add(new CatalogRowError(row.Line, problem));
            }
        }

        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new CatalogRowError(1, "no product rows"));
        }

        return errors.Count == 0 ? (entries, errors) : ([], errors);
    }

    private static string? Check(CatalogRow row, out CatalogEntry? entry)
    {
        entry = null;
        var gtin = row.Gtin.Trim();
        var name = row.Name.Trim();
        var lot = row.Lot.Trim();
        if (Gtin14.Problem(gtin) is { } gtinProblem)
        {
            return gtinProblem;
        }

        if (name.Length is 0 or > MaxNameLength)
        {
            return $"name must be 1-{MaxNameLength} characters";
        }

        if (lot.Length is 0 or > MaxLotLength || !lot.All(SerialSet.IsSet82))
        {
            return $"lot must be 1-{MaxLotLength} characters of the GS1 character set (letters, digits, !\"%&'()*+,-./:<=>?_), found \"{lot}\"";
        }

        if (!DateOnly.TryParseExact(row.Expiry.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiry))
        {
            return $"expiry \"{row.Expiry.Trim()}\" is not a date written yyyy-MM-dd";
        }

        if (!SerialSet.TryParse(row.Serials, out var serials, out var serialProblem))
        {
            return serialProblem;
        }

        entry = new CatalogEntry(gtin, name, lot, expiry, serials);
        return null;
    }

    /// <summary>Rules across rows: one name per GTIN, one row per lot, each serial in one lot, one lot for the unlisted serials.</summary>
    private static string? Conflict(CatalogEntry entry, List<(int Line, CatalogEntry Entry)> sameGtin)
    {
        foreach (var (otherLine, other) in sameGtin)
        {
            if (other.Name != entry.Name)
            {
                return $"GTIN {entry.Gtin} is named \"{other.Name}\" on line {otherLine}; one product has one name";
            }

            if (other.Lot == entry.Lot)
            {
                return $"lot {entry.Lot} of GTIN {entry.Gtin} is already on line {otherLine}; list all its serials in one row";
            }

            if (other.Serials.IsAll && entry.Serials.IsAll)
            {
                return $"GTIN {entry.Gtin} already has a lot for every unlisted serial on line {otherLine} (lot {other.Lot}); list the serials of one of them";
            }

            if (entry.Serials.FirstOverlap(other.Serials) is { } serial)
            {
                return $"serial {serial} of GTIN {entry.Gtin} is already in lot {other.Lot} on line {otherLine}";
            }
        }

        return null;
    }

    private static List<(int Line, CatalogEntry Entry)> RowsOf(Dictionary<string, List<(int Line, CatalogEntry Entry)>> byGtin, string gtin)
    {
        if (!byGtin.TryGetValue(gtin, out var list))
        {
            byGtin[gtin] = list = [];
        }

        return list;
    }
}
