using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Stock;

/// <summary>
/// The product catalog the technician imports, and the only writer of catalog.db (SQLite, WAL) in the
/// data dir. An import replaces the whole catalog in one transaction; lookups go to an immutable copy in
/// memory (<see cref="Current"/>), so the engine never waits on the disk. A catalog that cannot be opened
/// (read-only data dir) is logged and leaves the daemon running with an empty catalog.
/// </summary>
public sealed partial class CatalogStore : IHostedService, IDisposable
{
    public const string FileName = "catalog.db";

    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger<CatalogStore> _logger;
    private readonly SemaphoreSlim _writer = new(1, 1);
    private CatalogIndex _current = CatalogIndex.Empty;
    private string? _problem = "not opened yet";

    public CatalogStore(string dataDir, TimeProvider time, ILogger<CatalogStore> logger)
    {
        ArgumentNullException.ThrowIfNull(dataDir);
        _path = Path.Combine(dataDir, FileName);
        _time = time;
        _logger = logger;
    }

    /// <summary>The catalog as last imported.</summary>
    public CatalogIndex Current => Volatile.Read(ref _current);

    /// <summary>Why the catalog cannot be read or written right now, or null.</summary>
    public string? Problem => Volatile.Read(ref _problem);

    /// <summary>Creates or opens catalog.db and loads it into memory.</summary>
    /// <exception cref="SqliteException">The file cannot be opened or is not a catalog.</exception>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        await using var connection = await ConnectAsync(cancellationToken);
        await ExecuteAsync(connection, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS catalog_entry (
                gtin TEXT NOT NULL, lot TEXT NOT NULL, name TEXT NOT NULL, expiry TEXT NOT NULL, serials TEXT NOT NULL,
                PRIMARY KEY (gtin, lot));
            CREATE TABLE IF NOT EXISTS catalog_import (id INTEGER PRIMARY KEY CHECK (id = 1), imported_at TEXT NOT NULL);
            """, cancellationToken);
        var entries = new List<CatalogEntry>();
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT gtin, lot, name, expiry, serials FROM catalog_entry ORDER BY gtin, lot";
            await using var reader = await select.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                // Stored rows were validated on import; a row edited by hand to nonsense is skipped, not fatal.
                var expiryText = reader.GetString(3);
                if (DateOnly.TryParseExact(expiryText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var expiry) &&
                    SerialSet.TryParse(reader.GetString(4), out var serials, out _))
                {
                    entries.Add(new CatalogEntry(reader.GetString(0), reader.GetString(2), reader.GetString(1), expiry, serials));
                }
            }
        }

        DateTimeOffset? importedAt = null;
        await using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT imported_at FROM catalog_import WHERE id = 1";
            if (await select.ExecuteScalarAsync(cancellationToken) is string text)
            {
                importedAt = DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
            }
        }

        Volatile.Write(ref _current, new CatalogIndex(entries, importedAt));
        Volatile.Write(ref _problem, null);
        LogOpened(_logger, _path, entries.Count);
    }

    /// <summary>Replaces the whole catalog with <paramref name="entries"/> in one transaction: all or nothing.</summary>
    /// <exception cref="InvalidOperationException">The catalog cannot be written; the message says why.</exception>
    public async Task<CatalogImportSummary> ReplaceAsync(IReadOnlyList<CatalogEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        await _writer.WaitAsync(cancellationToken);
        try
        {
            var replaced = Current.Entries.Count;
            var importedAt = _time.GetUtcNow();
            try
            {
                if (Problem is not null)
                {
                    await OpenAsync(cancellationToken);
                }

                await using var connection = await ConnectAsync(cancellationToken);
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
                await using (var delete = connection.CreateCommand())
                {
                    delete.Transaction = transaction;
                    delete.CommandText = "DELETE FROM catalog_entry";
                    await delete.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var insert = connection.CreateCommand())
                {
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO catalog_entry (gtin, lot, name, expiry, serials) VALUES ($gtin, $lot, $name, $expiry, $serials)";
                    var gtin = insert.Parameters.Add("$gtin", SqliteType.Text);
                    var lot = insert.Parameters.Add("$lot", SqliteType.Text);
                    var name = insert.Parameters.Add("$name", SqliteType.Text);
                    var expiry = insert.Parameters.Add("$expiry", SqliteType.Text);
                    var serials = insert.Parameters.Add("$serials", SqliteType.Text);
                    foreach (var entry in entries)
                    {
                        gtin.Value = entry.Gtin;
                        lot.Value = entry.Lot;
                        name.Value = entry.Name;
                        expiry.Value = entry.Expiry.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                        serials.Value = entry.Serials.ToString();
                        await insert.ExecuteNonQueryAsync(cancellationToken);
                    }
                }

                await using (var stamp = connection.CreateCommand())
                {
                    stamp.Transaction = transaction;
                    stamp.CommandText = "INSERT OR REPLACE INTO catalog_import (id, imported_at) VALUES (1, $at)";
                    stamp.Parameters.AddWithValue("$at", importedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                    await stamp.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
            }
            catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
            {
                var code = e is SqliteException sqlite ? sqlite.SqliteErrorCode : 0;
                LogWriteFailed(_logger, code, e.Message);
                throw new InvalidOperationException($"the catalog in {_path} cannot be written ({e.Message}); nothing was imported", e);
            }

            Volatile.Write(ref _current, new CatalogIndex(entries, importedAt));
            Volatile.Write(ref _problem, null);
            LogImported(_logger, entries.Count, replaced);
            return new CatalogImportSummary(entries.Count, entries.Select(e => e.Gtin).Distinct(StringComparer.Ordinal).Count(),
                entries.Count(e => !e.Serials.IsAll), entries.Count(e => e.Serials.IsAll), replaced, importedAt);
        }
        finally
        {
            _writer.Release();
        }
    }

    async Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await OpenAsync(cancellationToken);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or FormatException)
        {
            Volatile.Write(ref _problem, $"cannot open {_path}: {e.Message}");
            LogOpenFailed(_logger, _path, e.Message);
        }
    }

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _writer.Dispose();

    private async Task<SqliteConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        // No pooling: the file is touched only at start and on import, and must be closed when they end.
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _path, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [LoggerMessage(EventId = 1800, Level = LogLevel.Information, Message = "Catalog {Path} opened: {Entries} entries")]
    private static partial void LogOpened(ILogger logger, string path, int entries);

    [LoggerMessage(EventId = 1801, Level = LogLevel.Error, Message = "Catalog {Path} cannot be opened: {Reason}; running with an empty catalog")]
    private static partial void LogOpenFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "Catalog imported: {Entries} entries replace {Replaced}")]
    private static partial void LogImported(ILogger logger, int entries, int replaced);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Error, Message = "Catalog import failed (SQLite error {Code}): {Reason}")]
    private static partial void LogWriteFailed(ILogger logger, int code, string reason);
}
