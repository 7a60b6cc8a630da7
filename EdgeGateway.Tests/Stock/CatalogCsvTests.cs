using EdgeGateway.Stock;

namespace EdgeGateway.Tests.Stock;

public sealed class CatalogCsvTests
{
    private const string Saline = "80614141123458";
    private const string Dressing = "80614141987654";

    private static (IReadOnlyList<CatalogEntry> Entries, IReadOnlyList<CatalogRowError> Errors) Import(string text)
    {
        var (rows, errors) = CatalogCsv.Parse(text);
        return errors.Count > 0 ? ([], errors) : CatalogImport.Validate(rows);
    }

    [Fact]
    public void A_valid_file_gives_one_entry_per_row_with_quoted_names_ranges_and_lot_wide_rows()
    {
        var (entries, errors) = Import(
            "\uFEFFgtin,name,lot,expiry,serials\r\n" +
            $"{Saline},\"Saline 0.9%, 500 ml \"\"bag\"\"\",S2401,2026-03-31,1-2;7\r\n" +
            "\r\n" +
            $"{Saline},\"Saline 0.9%, 500 ml \"\"bag\"\"\",S2402,2026-09-30,\r\n" +
            $"{Dressing},\"Dressing\nfoam\",D77,2027-01-15,A-17;B9\r\n");

        Assert.Empty(errors);
        Assert.Equal(3, entries.Count);
        Assert.Equal(new CatalogEntry(Saline, "Saline 0.9%, 500 ml \"bag\"", "S2401", new DateOnly(2026, 3, 31), entries[0].Serials), entries[0]);
        Assert.Equal("7;1-2", entries[0].Serials.ToString());
        Assert.True(entries[0].Serials.Contains("2"));
        Assert.False(entries[0].Serials.Contains("3"));
        Assert.False(entries[0].Serials.Contains("01"));
        Assert.True(entries[1].Serials.IsAll);
        Assert.Equal("Dressing\nfoam", entries[2].Name);
        Assert.Equal(["A-17", "B9"], entries[2].Serials.Singles.Order(StringComparer.Ordinal));
    }

    public static TheoryData<string, int, string> BadRows() => new()
    {
        { $"{Saline[..13]}9,Saline,L1,2026-01-01,", 2, $"GTIN \"{Saline[..13]}9\" has check digit 9, expected 8" },
        { "8061414112345,Saline,L1,2026-01-01,", 2, "GTIN \"8061414112345\" is not 14 digits" },
        { $"{Saline},Saline,L1,31/01/2026,", 2, "expiry \"31/01/2026\" is not a date written yyyy-MM-dd" },
        { $"{Saline},Saline,L1,2026-02-30,", 2, "expiry \"2026-02-30\" is not a date written yyyy-MM-dd" },
        { $"{Saline},,L1,2026-01-01,", 2, "name must be 1-200 characters" },
        { $"{Saline},Saline,,2026-01-01,", 2, "lot must be 1-20 characters" },
        { $"{Saline},Saline,L1,2026-01-01,200-100", 2, "serial range \"200-100\" ends before it starts" },
        { $"{Saline},Saline,L1,2026-01-01,1;;2", 2, "serials has an empty item between ';'" },
        { $"{Saline},Saline,L1,2026-01-01,100-199;150", 2, "serial \"150\" is listed twice" },
        { $"{Saline},Saline,L1,2026-01-01,007-010", 2, "serial range \"007-010\" must be two decimal numbers without leading zeros" },
        { $"{Saline},Saline,L1,2026-01-01", 2, "has 4 fields, expected 5" },
        { $"{Saline},Saline 0.9%, 500 ml,L1,2026-01-01,", 2, "has 6 fields, expected 5" },
        { $"{Saline},Saline \"big\",L1,2026-01-01,", 2, "a quote inside an unquoted field" },
        { $"{Saline},\"Saline\" bag,L1,2026-01-01,", 2, "text after a closing quote" },
        { $"{Saline},\"Saline,L1,2026-01-01,", 2, "a quoted field is not closed before the end of the file" },
        { $"{Saline},Saline,L1,2026-01-01,1-5\n{Saline},Saline,L2,2026-02-01,5", 3, "serial \"5\" of GTIN 80614141123458 is already in lot L1 on line 2" },
        { $"{Saline},Saline,L1,2026-01-01,\n{Saline},Saline,L1,2026-02-01,9", 3, "lot L1 of GTIN 80614141123458 is already on line 2" },
        { $"{Saline},Saline,L1,2026-01-01,\n{Saline},Saline,L2,2026-02-01,", 3, "already has a lot for every unlisted serial on line 2" },
        { $"{Saline},Saline,L1,2026-01-01,\n{Saline},Salt water,L2,2026-02-01,1", 3, "GTIN 80614141123458 is named \"Saline\" on line 2" },
    };

    [Theory]
    [MemberData(nameof(BadRows))]
    public void Each_bad_row_is_reported_with_its_line_and_reason_and_nothing_is_imported(string rows, int line, string reason)
    {
        var (entries, errors) = Import($"gtin,name,lot,expiry,serials\n{rows}\n");

        Assert.Empty(entries);
        var error = Assert.Single(errors);
        Assert.Equal(line, error.Line);
        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_row_of_a_file_is_reported_not_only_the_first()
    {
        var (entries, errors) = Import($"gtin,name,lot,expiry,serials\n{Saline},Saline,L1,2026-01-01,\n12345678901234,X,L2,2026-01-01,\n{Dressing},\"Dressing,\nfoam\",D1,2027-01-01,1-3\n{Dressing},Dressing,D2,tomorrow,\n");

        Assert.Empty(entries);
        Assert.Equal([3, 6], errors.Select(e => e.Line));
        Assert.Equal("expiry \"tomorrow\" is not a date written yyyy-MM-dd", errors[1].Reason);
    }

    [Theory]
    [InlineData("", 1, "the file is empty")]
    [InlineData("gtin,name,lot,expiry\n", 1, "the header must be \"gtin,name,lot,expiry,serials\"")]
    [InlineData("gtin,name,lot,expiry,serials\n", 1, "no product rows after the header")]
    public void A_file_without_the_header_or_without_rows_is_refused(string text, int line, string reason)
    {
        var (entries, errors) = Import(text);

        Assert.Empty(entries);
        Assert.Equal(line, Assert.Single(errors).Line);
        Assert.StartsWith(reason, errors[0].Reason, StringComparison.Ordinal);
    }
}
