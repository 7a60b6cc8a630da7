using EdgeGateway.Stock;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Tests.Stock;

public sealed class CatalogStoreTests : IDisposable
{
    private const string Saline = "80614141123458";
    private readonly TempDirectory _dir = new();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 10, 8, 0, 0, TimeSpan.Zero));
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    private static List<CatalogEntry> Entries(string csv)
    {
        var (rows, parseErrors) = CatalogCsv.Parse("gtin,name,lot,expiry,serials\n" + csv);
        Assert.Empty(parseErrors);
        var (entries, errors) = CatalogImport.Validate(rows);
        Assert.Empty(errors);
        return [.. entries];
    }

    private CatalogStore NewStore() => new(_dir.Path, _time, NullLogger<CatalogStore>.Instance);

    [Fact]
    public async Task An_item_is_found_by_its_serial_first_then_by_the_lot_that_covers_the_rest_of_its_GTIN()
    {
        using var store = NewStore();
        await store.OpenAsync(_ct);
        await store.ReplaceAsync(Entries($"{Saline},Saline,S1,2026-02-01,1-2;A7\n{Saline},Saline,S2,2026-06-01,\n"), _ct);

        Assert.Equal("S1", store.Current.Lookup(Saline, "2")!.Lot);
        Assert.Equal("S1", store.Current.Lookup(Saline, "A7")!.Lot);
        Assert.Equal("S2", store.Current.Lookup(Saline, "3")!.Lot);
        Assert.Equal(new DateOnly(2026, 6, 1), store.Current.Lookup(Saline, "3")!.Expiry);
        Assert.Null(store.Current.Lookup("80614141987654", "1"));
        Assert.Equal("Saline", store.Current.NameOf(Saline));
    }

    [Fact]
    public async Task An_import_replaces_the_whole_catalog_and_survives_a_restart()
    {
        using (var store = NewStore())
        {
            await store.OpenAsync(_ct);
            await store.ReplaceAsync(Entries($"{Saline},Saline,S1,2026-02-01,\n80614141987654,Dressing,D1,2027-01-01,5\n"), _ct);
            _time.Advance(TimeSpan.FromMinutes(5));
            var summary = await store.ReplaceAsync(Entries($"{Saline},Saline,S9,2026-12-01,1-9\n"), _ct);

            Assert.Equal(new CatalogImportSummary(1, 1, 1, 0, 2, _time.GetUtcNow()), summary);
        }

        using var reopened = NewStore();
        await reopened.OpenAsync(_ct);

        var entry = Assert.Single(reopened.Current.Entries);
        Assert.Equal(("S9", new DateOnly(2026, 12, 1), "1-9"), (entry.Lot, entry.Expiry, entry.Serials.ToString()));
        Assert.Equal(_time.GetUtcNow(), reopened.Current.ImportedAt);
        Assert.Null(reopened.Current.Lookup(Saline, "10"));
        Assert.True(File.Exists(_dir.File(CatalogStore.FileName)));
    }

    [Fact]
    public async Task An_import_that_fails_midway_leaves_the_previous_catalog_in_the_file_and_in_memory()
    {
        using var store = NewStore();
        await store.OpenAsync(_ct);
        await store.ReplaceAsync(Entries($"{Saline},Saline,S1,2026-02-01,\n"), _ct);

        // The same (gtin, lot) twice breaks the primary key on the second insert, after the delete ran.
        var clash = new CatalogEntry(Saline, "Saline", "S2", new DateOnly(2026, 3, 1), SerialSet.All);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => store.ReplaceAsync([clash, clash], _ct));

        Assert.Contains("nothing was imported", failure.Message, StringComparison.Ordinal);
        Assert.Equal("S1", Assert.Single(store.Current.Entries).Lot);
        using var reopened = NewStore();
        await reopened.OpenAsync(_ct);
        Assert.Equal("S1", Assert.Single(reopened.Current.Entries).Lot);
    }

    [Fact]
    public async Task The_catalog_file_is_in_WAL_mode()
    {
        using var store = NewStore();
        await store.OpenAsync(_ct);

        await using var connection = new SqliteConnection($"Data Source={_dir.File(CatalogStore.FileName)};Pooling=False");
        await connection.OpenAsync(_ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync(_ct));
    }
}
