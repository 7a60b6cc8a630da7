using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace EdgeGateway.Outbox;

/// <summary>The schema and the prepared statements of the writer connection.</summary>
internal sealed class OutboxCommands : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS messages(
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            device_id TEXT,
            priority INTEGER,
            ts_ms INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            payload BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS messages_by_kind ON messages(kind, seq);
        CREATE TABLE IF NOT EXISTS outbox_state(key TEXT PRIMARY KEY, value INTEGER NOT NULL);
        CREATE TABLE IF NOT EXISTS dead_letters(
            seq INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            kind INTEGER NOT NULL,
            device_id TEXT,
            priority INTEGER,
            ts_ms INTEGER NOT NULL,
            bytes INTEGER NOT NULL,
            payload BLOB NOT NULL,
            reason TEXT NOT NULL,
            refusals INTEGER NOT NULL,
            dead_ms INTEGER NOT NULL);
        """;

    private const string InsertSql = "INSERT INTO messages(seq, id, kind, device_id, priority, ts_ms, bytes, payload) VALUES(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

    // A raw statement: Microsoft.Data.Sqlite's ExecuteNonQuery allocates a binder per parameter and a reader and a
    // statement enumerator per row, the larger part of the outbox writer's cost at 5,000 readings/s.
    private readonly sqlite3_stmt _insert;
    private readonly SqliteCommand _delete;
    private readonly SqliteCommand _setState;
    private readonly SqliteCommand _bury;
    private readonly SqliteCommand _trimDead;
    private readonly SqliteConnection _connection;

    private OutboxCommands(SqliteConnection connection)
    {
        _connection = connection;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(connection.Handle, InsertSql, out _insert), connection.Handle);
        _delete = Prepare("DELETE FROM messages WHERE seq = $seq RETURNING kind, bytes", "$seq");
        _setState = Prepare("INSERT INTO outbox_state(key, value) VALUES($key, $value) ON CONFLICT(key) DO UPDATE SET value = excluded.value", "$key", "$value");
        _bury = Prepare(
            "INSERT OR REPLACE INTO dead_letters(seq, id, kind, device_id, priority, ts_ms, bytes, payload, reason, refusals, dead_ms) " +
            "SELECT seq, id, kind, device_id, priority, ts_ms, bytes, payload, $reason, $refusals, $now FROM messages WHERE seq = $seq",
            "$seq", "$reason", "$refusals", "$now");
        _trimDead = Prepare("DELETE FROM dead_letters WHERE seq <= (SELECT seq FROM dead_letters ORDER BY seq DESC LIMIT 1 OFFSET $keep)", "$keep");
    }

    /// <summary>Sets the durability pragmas (WAL; synchronous FULL so a commit is on disk when it returns) and the schema.</summary>
    public static OutboxCommands Create(SqliteConnection connection, long? maxPageCount)
    {
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=OFF;" +
                (maxPageCount is { } pages ? $"PRAGMA max_page_count={pages.ToString(CultureInfo.InvariantCulture)};" : "") +
                Schema;
            pragma.ExecuteNonQuery();
        }

        return new OutboxCommands(connection);
    }

    public void Enlist(SqliteTransaction transaction)
    {
        _delete.Transaction = transaction;
        _setState.Transaction = transaction;
        _bury.Transaction = transaction;
        _trimDead.Transaction = transaction;
    }

    public void Insert(PendingAppend append)
    {
        var draft = append.Draft;
        var payload = append.Payload!;
        try
        {
            Check(raw.sqlite3_bind_int64(_insert, 1, append.Seq));
            Check(raw.sqlite3_bind_text(_insert, 2, append.Id));
            Check(raw.sqlite3_bind_int(_insert, 3, (int)draft.Kind));
            Check(draft.DeviceId is { } device ? raw.sqlite3_bind_text(_insert, 4, device) : raw.sqlite3_bind_null(_insert, 4));
            Check(draft.Priority is { } priority ? raw.sqlite3_bind_int(_insert, 5, (int)priority) : raw.sqlite3_bind_null(_insert, 5));
            Check(raw.sqlite3_bind_int64(_insert, 6, draft.Timestamp.ToUnixTimeMilliseconds()));
            Check(raw.sqlite3_bind_int(_insert, 7, payload.Length));
            Check(raw.sqlite3_bind_blob(_insert, 8, payload));
            var done = raw.sqlite3_step(_insert);
            if (done != raw.SQLITE_DONE)
            {
                Check(done);
            }
        }
        finally
        {
            raw.sqlite3_reset(_insert);
        }
    }

    /// <summary>A failed call as the SqliteException the store handles by its primary code (SQLITE_FULL, SQLITE_CORRUPT, …).</summary>
    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            SqliteException.ThrowExceptionForRC(rc & 0xFF, _connection.Handle);
        }
    }

    /// <summary>Deletes one message; returns its kind and size, or null when it was already gone (evicted, or acknowledged twice).</summary>
    public (MessageKind Kind, long Bytes)? Delete(long seq)
    {
        _delete.Parameters[0].Value = seq;
        using var reader = _delete.ExecuteReader();
        return reader.Read() ? ((MessageKind)reader.GetInt32(0), reader.GetInt64(1)) : null;
    }

    /// <summary>
    /// Moves one message to the dead-letter table (keeping the newest <paramref name="keep"/> there); returns
    /// its kind and size and how many old dead letters made room, or null when it was already gone.
    /// </summary>
    public (MessageKind Kind, long Bytes, int Trimmed)? Bury(long seq, string reason, int refusals, long nowMs, int keep)
    {
        var p = _bury.Parameters;
        p[0].Value = seq;
        p[1].Value = reason;
        p[2].Value = refusals;
        p[3].Value = nowMs;
        if (_bury.ExecuteNonQuery() == 0)
        {
            return null;
        }

        _trimDead.Parameters[0].Value = keep;
        var trimmed = _trimDead.ExecuteNonQuery();
        return Delete(seq) is { } row ? (row.Kind, row.Bytes, trimmed) : null;
    }

    public void SetState(string key, long value)
    {
        _setState.Parameters[0].Value = key;
        _setState.Parameters[1].Value = value;
        _setState.ExecuteNonQuery();
    }

    /// <summary>
    /// The oldest messages of a kind (null: any), enough to free the bytes asked for, and only those older than
    /// the cutoff; messages the forwarder holds (its lane's seq up to the held mark) are never chosen.
    /// </summary>
    public List<(long Seq, MessageKind Kind, long Bytes)> Oldest(MessageKind? kind, long bytesToFree, long olderThanMs, long heldReadingsUpTo, long heldUrgentUpTo)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = _delete.Transaction;
        command.CommandText = kind is null
            ? "SELECT seq, kind, bytes, ts_ms FROM messages WHERE seq > (CASE kind WHEN 0 THEN $heldReadings ELSE $heldUrgent END) ORDER BY seq"
            : "SELECT seq, kind, bytes, ts_ms FROM messages WHERE kind = $kind AND seq > $held ORDER BY seq";
        if (kind is { } k)
        {
            command.Parameters.AddWithValue("$kind", (int)k);
            command.Parameters.AddWithValue("$held", k == MessageKind.Reading ? heldReadingsUpTo : heldUrgentUpTo);
        }
        else
        {
            command.Parameters.AddWithValue("$heldReadings", heldReadingsUpTo);
            command.Parameters.AddWithValue("$heldUrgent", heldUrgentUpTo);
        }

        var victims = new List<(long, MessageKind, long)>();
        long freed = 0;
        using var reader = command.ExecuteReader();
        while (freed < bytesToFree && reader.Read() && reader.GetInt64(3) < olderThanMs)
        {
            var bytes = reader.GetInt64(2);
            victims.Add((reader.GetInt64(0), (MessageKind)reader.GetInt32(1), bytes));
            freed += bytes;
        }

        return victims;
    }

    /// <summary>Whether any reading is stored, held by the forwarder or not.</summary>
    public bool HasReadings()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT EXISTS(SELECT 1 FROM messages WHERE kind = 0)";
        return (long)command.ExecuteScalar()! == 1;
    }

    public StoredState LoadState()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT count(*), coalesce(sum(bytes), 0), coalesce(sum(kind = 1), 0), coalesce(max(seq), 0) FROM messages;
            SELECT key, value FROM outbox_state;
            SELECT count(*) FROM dead_letters;
            """;
        using var reader = command.ExecuteReader();
        reader.Read();
        var depth = reader.GetInt64(0);
        var bytes = reader.GetInt64(1);
        var alarms = reader.GetInt64(2);
        var maxSeq = reader.GetInt64(3);
        reader.NextResult();
        var nextSeq = maxSeq + 1;
        var dropped = new Dictionary<string, long>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var key = reader.GetString(0);
            if (key == "next_seq")
            {
                nextSeq = Math.Max(nextSeq, reader.GetInt64(1));
            }
            else if (key.StartsWith("dropped.", StringComparison.Ordinal))
            {
                dropped[key] = reader.GetInt64(1);
            }
        }

        reader.NextResult();
        reader.Read();
        return new StoredState(nextSeq, depth, bytes, alarms, dropped, reader.GetInt64(0));
    }

    public void Dispose()
    {
        _insert.Dispose();
        _delete.Dispose();
        _setState.Dispose();
        _bury.Dispose();
        _trimDead.Dispose();
    }

    private SqliteCommand Prepare(string sql, params string[] parameters)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
