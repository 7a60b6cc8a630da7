using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EdgeGateway.Outbox;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Benchmarks.Outbox;

/// <summary>
/// Durable append rate of the outbox (group commit) beside plain Microsoft.Data.Sqlite inserts of the same
/// 200-byte rows on the same disk, with the same pragmas (WAL, synchronous=FULL): one transaction per
/// message (the floor) and one per 1,000 messages (the ceiling); and the drain rate (read + acknowledge).
/// Each reported time is per message (OperationsPerInvoke); messages/s = 1e9 / ns.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 7)]
[MemoryDiagnoser]
public class OutboxAppendBenchmarks
{
    private const int Messages = 50_000;
    private const int FsyncPerMessage = 500;
    private static readonly byte[] Payload = new byte[200];

    private string _dir = "";
    private OutboxStore? _store;
    private SqliteConnection? _plain;

    [IterationSetup(Targets = [nameof(OutboxGroupCommit)])]
    public void OpenEmptyOutbox() => _store = OpenOutbox();

    [IterationSetup(Targets = [nameof(OutboxDrain)])]
    public void OpenFullOutbox()
    {
        _store = OpenOutbox();
        var appends = new Task<long>[Messages];
        for (var i = 0; i < Messages; i++)
        {
            appends[i] = _store.TryAppend(Draft())!;
        }

        Task.WhenAll(appends).GetAwaiter().GetResult();
    }

    [IterationSetup(Targets = [nameof(SqliteTransactionPerMessage), nameof(SqliteTransactionPer1000)])]
    public void OpenPlainSqlite()
    {
        _dir = Directory.CreateTempSubdirectory("edgegw-bench-").FullName;
        _plain = new SqliteConnection($"Data Source={Path.Combine(_dir, "plain.db")};Pooling=False");
        _plain.Open();
        using var setup = _plain.CreateCommand();
        setup.CommandText = """
            PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;
            CREATE TABLE messages(seq INTEGER PRIMARY KEY, id TEXT NOT NULL, kind INTEGER NOT NULL, device_id TEXT, priority INTEGER, ts_ms INTEGER NOT NULL, bytes INTEGER NOT NULL, payload BLOB NOT NULL);
            CREATE INDEX messages_by_kind ON messages(kind, seq);
            """;
        setup.ExecuteNonQuery();
    }

    [IterationCleanup]
    public void Close()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store = null;
        _plain?.Dispose();
        _plain = null;
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The engine's way: queue without waiting, then every append's durability is awaited.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task OutboxGroupCommit()
    {
        var appends = new Task<long>[Messages];
        for (var i = 0; i < Messages; i++)
        {
            appends[i] = _store!.TryAppend(Draft())!;
        }

        await Task.WhenAll(appends);
    }

    [Benchmark(OperationsPerInvoke = FsyncPerMessage)]
    public void SqliteTransactionPerMessage() => InsertPlain(FsyncPerMessage, perTransaction: 1);

    [Benchmark(OperationsPerInvoke = Messages)]
    public void SqliteTransactionPer1000() => InsertPlain(Messages, perTransaction: 1000);

    /// <summary>What the forwarder does with an instant cloud: read in order, acknowledge, delete.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task OutboxDrain()
    {
        long cursor = 0;
        while (true)
        {
            var batch = await _store!.ReadAsync(cursor, 256, CancellationToken.None);
            if (batch.Count == 0)
            {
                break;
            }

            cursor = batch[^1].Seq;
            await _store.AcknowledgeAsync(batch.Select(r => r.Seq).ToList(), CancellationToken.None);
        }
    }

    private OutboxStore OpenOutbox()
    {
        _dir = Directory.CreateTempSubdirectory("edgegw-bench-").FullName;
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var store = new OutboxStore(new OutboxSettings(_dir, "bench"), TimeProvider.System, NullLogger<OutboxStore>.Instance, new OutboxMetrics(meters));
        store.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        return store;
    }

    private static OutboxDraft Draft() => new(MessageKind.Reading, "bed-12A", null, DateTimeOffset.UtcNow, static (_, _) => Payload);

    private void InsertPlain(int count, int perTransaction)
    {
        using var insert = _plain!.CreateCommand();
        insert.CommandText = "INSERT INTO messages(seq, id, kind, device_id, priority, ts_ms, bytes, payload) VALUES($seq, $id, 0, 'bed-12A', NULL, $ts, 200, $payload)";
        var seq = insert.Parameters.Add("$seq", SqliteType.Integer);
        var id = insert.Parameters.Add("$id", SqliteType.Text);
        var ts = insert.Parameters.Add("$ts", SqliteType.Integer);
        insert.Parameters.AddWithValue("$payload", Payload);
        for (var done = 0; done < count;)
        {
            using var transaction = _plain.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = 0; i < perTransaction && done < count; i++, done++)
            {
                seq.Value = done + 1;
                id.Value = $"bench:{done + 1}";
                ts.Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }
}
