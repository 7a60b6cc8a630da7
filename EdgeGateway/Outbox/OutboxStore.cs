using System.Globalization;
using System.Threading.Channels;
using EdgeGateway.Alarms;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Outbox;

/// <summary>
/// The durable store-and-forward queue and the only writer of outbox.db (SQLite, WAL). Appends and
/// acknowledgements queue to one writer loop that commits them in groups: many appends, one transaction,
/// one fsync; an append's task completes only after its group is committed. <c>seq</c> is assigned in
/// commit order and persisted, so it keeps increasing across restarts.
/// </summary>
public sealed partial class OutboxStore : IAsyncDisposable
{
    private const int SqliteFull = 13;
    private const int SqliteCorrupt = 11;
    private const int SqliteNotADatabase = 26;
    private static readonly TimeSpan TtlSweepInterval = TimeSpan.FromMinutes(1);

    private readonly OutboxSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly OutboxMetrics _metrics;
    private readonly Channel<OutboxWork> _work;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _droppedGate = new();
    private readonly Dictionary<string, long> _dropped = new(StringComparer.Ordinal);
    private readonly List<OutboxWork> _carried = [];
    private readonly System.Collections.Concurrent.ConcurrentQueue<PendingAppend> _overflow = new();
    private readonly TaskCompletionSource _firstOpen = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _evictionGate = new();

    private CancellationTokenSource? _intervalWait;
    private int _urgentQueued;
    private SqliteConnection? _connection;
    private OutboxCommands? _commands;
    private ActiveAlarmTable? _activeAlarms;
    private Task _loop = Task.CompletedTask;
    private long _nextSeq = 1;
    private int _disposed;
    private long _depth;
    private long _alarmDepth;
    private long _deadLetters;
    private long _bytes;
    private string? _problem = "not opened yet";
    private string? _diskFull;
    private long _droppedWhenFull;
    private bool _pauseBeforeRetry;
    private DateTimeOffset _lastTtlSweep;
    private long _heldReadingsUpTo;
    private long _heldUrgentUpTo;
    private long _evictions;
    private long _lastCommit;

    public OutboxStore(OutboxSettings settings, TimeProvider time, ILogger<OutboxStore> logger, OutboxMetrics metrics)
    {
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _work = Channel.CreateBounded<OutboxWork>(new BoundedChannelOptions(settings.PendingCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        metrics.Observe(this);
    }

    /// <summary>Messages stored and not yet acknowledged by the cloud.</summary>
    public long Depth => Interlocked.Read(ref _depth);

    /// <summary>Payload bytes stored (what the quota limits).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Appends queued for the next group commit.</summary>
    public int Pending => _work.Reader.Count + _overflow.Count;

    /// <summary>Why the outbox cannot store right now (read-only data dir, ...), or null when it can.</summary>
    public string? Problem => Volatile.Read(ref _problem);

    /// <summary>
    /// Why appends fail for want of space (SQLITE_FULL that evicting readings did not cure), or null. Unlike
    /// <see cref="Problem"/> the file stays open: what is stored is still read and forwarded, which frees room.
    /// </summary>
    public string? DiskFull => Volatile.Read(ref _diskFull);

    /// <summary>
    /// Starts the writer loop and waits until the database is open or the first attempt failed: a daemon
    /// whose data dir is read-only still starts (local alarms matter more), and keeps trying to open.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        await _firstOpen.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// Queues an append without waiting: the engine must never stall on the disk. Returns the task that
    /// completes when the message is durable, or null when the pending queue is full (counted as dropped).
    /// </summary>
    public Task<long>? TryAppend(OutboxDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var append = new PendingAppend(draft);
        if (_work.Writer.TryWrite(append))
        {
            CommitSoonIfUrgent(draft);
            return append.Durable.Task;
        }

        if (draft.Kind != MessageKind.Reading)
        {
            // Alarms and status changes are few and must not be lost to a burst of readings: they queue past the bound.
            _overflow.Enqueue(append);
            CommitSoonIfUrgent(draft);
            return append.Durable.Task;
        }

        CountDropped(draft.Kind, "queue_full", 1);
        return null;
    }

    /// <summary>Appends and returns the message's <c>seq</c> once it is durable (after its group commit).</summary>
    public async Task<long> AppendAsync(OutboxDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var append = new PendingAppend(draft);
        await _work.Writer.WriteAsync(append, cancellationToken);
        CommitSoonIfUrgent(draft);
        return await append.Durable.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Deletes what the cloud acknowledged (PUBACK). Completes when the deletion is committed.</summary>
    public async Task AcknowledgeAsync(IReadOnlyCollection<long> seqs, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(seqs);
        if (seqs.Count == 0)
        {
            return;
        }

        var ack = new PendingAck([.. seqs]);
        await _work.Writer.WriteAsync(ack, cancellationToken);
        await ack.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Messages moved to the dead-letter table and still kept there.</summary>
    public long DeadLetters => Interlocked.Read(ref _deadLetters);

    /// <summary>Reads up to <paramref name="limit"/> stored messages with seq above <paramref name="afterSeq"/>, in order.</summary>
    public Task<IReadOnlyList<OutboxRecord>> ReadAsync(long afterSeq, int limit, CancellationToken cancellationToken) =>
        ReadAsync("SELECT seq, id, kind, device_id, priority, ts_ms, payload FROM messages WHERE seq > $after ORDER BY seq LIMIT $limit", afterSeq, limit, cancellationToken);

    /// <summary>
    /// Reads up to <paramref name="limit"/> messages of one lane with seq above <paramref name="afterSeq"/>, in
    /// seq order: the forwarder drains the urgent lane (alarms, device status) before readings.
    /// </summary>
    public Task<IReadOnlyList<OutboxRecord>> ReadAsync(OutboxLane lane, long afterSeq, int limit, CancellationToken cancellationToken) =>
        ReadAsync(lane == OutboxLane.Readings
                ? "SELECT seq, id, kind, device_id, priority, ts_ms, payload FROM messages WHERE kind = 0 AND seq > $after ORDER BY seq LIMIT $limit"
                : "SELECT seq, id, kind, device_id, priority, ts_ms, payload FROM messages WHERE kind IN (1, 2) AND seq > $after ORDER BY seq LIMIT $limit",
            afterSeq, limit, cancellationToken);

    /// <summary>
    /// Reads the next messages of a lane for delivery, as <see cref="ReadAsync(OutboxLane, long, int, CancellationToken)"/>
    /// does, and holds them: a held message is never evicted (quota, time-to-live, disk full), because once the
    /// forwarder has it, it may reach the cloud, and a message counted as dropped must never arrive. The lane
    /// stays held up to the last seq taken until the next take of the lane moves the mark (a new session takes
    /// from the start again); acknowledged messages leave as always. A message evicted while this read ran is
    /// left out of what is returned.
    /// </summary>
    public async Task<IReadOnlyList<OutboxRecord>> TakeAsync(OutboxLane lane, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        var evictions = Interlocked.Read(ref _evictions);
        var records = await ReadAsync(lane, afterSeq, limit, cancellationToken);
        if (records.Count == 0)
        {
            return records;
        }

        lock (_evictionGate)
        {
            // An eviction running now has committed when the gate opens; any later one sees the mark.
            if (lane == OutboxLane.Readings)
            {
                _heldReadingsUpTo = records[^1].Seq;
            }
            else
            {
                _heldUrgentUpTo = records[^1].Seq;
            }
        }

        if (Interlocked.Read(ref _evictions) == evictions)
        {
            return records;
        }

        // Something was evicted between the read and the hold: hand out only what is still stored (and now held).
        var stored = await StoredSeqsAsync(records[0].Seq, records[^1].Seq, cancellationToken);
        return [.. records.Where(r => stored.Contains(r.Seq))];
    }

    /// <summary>
    /// Moves a message the cloud kept refusing to the dead-letter table, so the rest of the queue flows.
    /// Returns false when it was no longer queued (evicted meanwhile).
    /// </summary>
    public async Task<bool> DeadLetterAsync(long seq, string reason, int refusals, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var work = new PendingDeadLetter(seq, reason, refusals);
        await _work.Writer.WriteAsync(work, cancellationToken);
        return await work.Done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>The newest dead letters first, without payloads (they may identify a patient).</summary>
    public async Task<IReadOnlyList<DeadLetter>> ListDeadLettersAsync(int limit, CancellationToken cancellationToken)
    {
        if (Problem is not null)
        {
            return [];
        }

        try
        {
            await using var connection = await OpenReaderAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT seq, id, kind, device_id, priority, ts_ms, bytes, reason, refusals, dead_ms FROM dead_letters ORDER BY seq DESC LIMIT $limit";
            command.Parameters.AddWithValue("$limit", limit);
            var letters = new List<DeadLetter>();
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                letters.Add(new DeadLetter(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    (MessageKind)reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : (AlarmPriority)reader.GetInt32(4),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                    reader.GetInt64(6),
                    reader.GetString(7),
                    reader.GetInt32(8),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(9))));
            }

            return letters;
        }
        catch (SqliteException e)
        {
            LogReadFailed(_logger, e.SqliteErrorCode, e.Message);
            return [];
        }
    }

    private async Task<HashSet<long>> StoredSeqsAsync(long fromSeq, long toSeq, CancellationToken cancellationToken)
    {
        var seqs = new HashSet<long>();
        try
        {
            await using var connection = await OpenReaderAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT seq FROM messages WHERE seq BETWEEN $from AND $to";
            command.Parameters.AddWithValue("$from", fromSeq);
            command.Parameters.AddWithValue("$to", toSeq);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                seqs.Add(reader.GetInt64(0));
            }
        }
        catch (SqliteException e)
        {
            LogReadFailed(_logger, e.SqliteErrorCode, e.Message);
        }

        return seqs;
    }

    private async Task<IReadOnlyList<OutboxRecord>> ReadAsync(string sql, long afterSeq, int limit, CancellationToken cancellationToken)
    {
        if (Problem is not null)
        {
            return [];
        }

        try
        {
            await using var connection = await OpenReaderAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$after", afterSeq);
            command.Parameters.AddWithValue("$limit", limit);
            var records = new List<OutboxRecord>(Math.Min(limit, 1024));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                records.Add(new OutboxRecord(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    (MessageKind)reader.GetInt32(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3),
                    reader.IsDBNull(4) ? null : (AlarmPriority)reader.GetInt32(4),
                    DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(5)),
                    (byte[])reader.GetValue(6)));
            }

            return records;
        }
        catch (SqliteException e)
        {
            LogReadFailed(_logger, e.SqliteErrorCode, e.Message);
            return [];
        }
    }

    public async Task<OutboxStats> GetStatsAsync(CancellationToken cancellationToken)
    {
        double? oldestAge = null;
        if (Problem is null && Depth > 0)
        {
            try
            {
                await using var connection = await OpenReaderAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT ts_ms FROM messages ORDER BY seq LIMIT 1";
                if (await command.ExecuteScalarAsync(cancellationToken) is long oldestMs)
                {
                    oldestAge = Math.Max(0, (_time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(oldestMs)).TotalSeconds);
                }
            }
            catch (SqliteException e)
            {
                LogReadFailed(_logger, e.SqliteErrorCode, e.Message);
            }
        }

        Dictionary<string, long> dropped;
        lock (_droppedGate)
        {
            dropped = new Dictionary<string, long>(_dropped, StringComparer.Ordinal);
        }

        var problem = Problem ?? DiskFull;
        return new OutboxStats(problem is null, problem, Depth, Bytes, _settings.QuotaBytes, Interlocked.Read(ref _alarmDepth), oldestAge, Interlocked.Read(ref _nextSeq), dropped, DeadLetters);
    }

    /// <summary>Stops taking work, commits what is queued (the flush on SIGTERM), and closes the file.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _work.Writer.TryComplete();
        if ((Problem ?? DiskFull) is { } problem)
        {
            // Nothing can be flushed to a file that cannot be written; do not hold up the shutdown.
            LogFlushImpossible(_logger, Pending + _carried.Count, problem);
            await _stopping.CancelAsync();
        }

        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            LogFlushTimedOut(_logger, Pending);
        }
        catch (OperationCanceledException)
        {
            // Cancelled above: the file could not be written.
        }

        await _stopping.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting to reopen: nothing more to flush.
        }

        CloseConnection();
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        var batch = new List<OutboxWork>(_settings.MaxBatch);
        while (true)
        {
            if (_connection is null && !TryOpen())
            {
                _firstOpen.TrySetResult();
                await Task.Delay(_settings.ReopenInterval, _time, stopping);
                continue;
            }

            _firstOpen.TrySetResult();
            batch.Clear();
            batch.AddRange(_carried);
            _carried.Clear();
            if (batch.Count == 0 && _overflow.IsEmpty && !await _work.Reader.WaitToReadAsync(CancellationToken.None) && _overflow.IsEmpty)
            {
                return;
            }

            // Work arrived: let what follows it within the commit interval share the commit (and its fsync).
            var untilNextCommit = _settings.CommitInterval - _time.GetElapsedTime(_lastCommit);
            if (untilNextCommit > TimeSpan.Zero && !_work.Reader.Completion.IsCompleted)
            {
                await WaitOutCommitIntervalAsync(untilNextCommit);
            }

            while (_overflow.TryDequeue(out var urgent))
            {
                batch.Add(urgent);
            }

            while (batch.Count < _settings.MaxBatch && _work.Reader.TryRead(out var item))
            {
                batch.Add(item);
            }

            Commit(batch);
            _lastCommit = _time.GetTimestamp();
            if (_pauseBeforeRetry)
            {
                // Alarms are waiting for space that is not there yet: retrying at once would only spin.
                _pauseBeforeRetry = false;
                await Task.Delay(_settings.ReopenInterval, _time, stopping);
            }
        }
    }

    /// <summary>
    /// An alarm or a device state change ends the commit interval's wait: readings share commits, but these are
    /// forwarded as soon as they are durable. (The flag covers one queued before the wait began.)
    /// </summary>
    private void CommitSoonIfUrgent(OutboxDraft draft)
    {
        if (draft.Kind == MessageKind.Reading)
        {
            return;
        }

        Interlocked.Exchange(ref _urgentQueued, 1);
        if (Volatile.Read(ref _intervalWait) is { } wait)
        {
            // Its callbacks run on the thread pool: the writer's commit must not run on the engine's thread.
            _ = wait.CancelAsync();
        }
    }

    private async Task WaitOutCommitIntervalAsync(TimeSpan wait)
    {
        var cut = new CancellationTokenSource();
        Volatile.Write(ref _intervalWait, cut);
        try
        {
            if (Interlocked.Exchange(ref _urgentQueued, 0) == 0)
            {
                await Task.Delay(wait, _time, cut.Token);
            }
        }
        catch (OperationCanceledException)
        {
            // An urgent append cut the wait short.
        }
        finally
        {
            Volatile.Write(ref _intervalWait, null);
            Interlocked.Exchange(ref _urgentQueued, 0);
        }
    }

    private void Commit(List<OutboxWork> batch)
    {
        try
        {
            WriteBatch(batch);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteFull)
        {
            _metrics.AppendFailed("disk_full");
            if (DiskFull is null)
            {
                // Once per episode: while the disk stays full every commit fails the same way.
                LogDiskFull(_logger, _settings.DatabasePath, e.Message);
            }

            var freed = FreeSpaceForBatch(batch);
            if (freed == true)
            {
                try
                {
                    WriteBatch(batch);
                    return;
                }
                catch (SqliteException again) when (again.SqliteErrorCode == SqliteFull)
                {
                    _metrics.AppendFailed("disk_full");
                }
            }

            var message = $"the outbox is full (SQLITE_FULL on {_settings.DatabasePath}): free space on the data disk";
            if (DiskFull is null)
            {
                _droppedWhenFull = DroppedSoFar(DroppedKey("disk_full", MessageKind.Reading));
                Volatile.Write(ref _diskFull, message);
            }

            if (freed is null)
            {
                // Not even a delete fits: the disk itself is full while readings are stored. Readings cannot wait and
                // are dropped (counted); alarms and status changes are kept and retried after a pause, so a full disk
                // costs readings, never an alarm, while a reading remains (design.md §6).
                var waiting = batch.Where(w => w is PendingAppend { Draft.Kind: not MessageKind.Reading }).ToList();
                FailAppends([.. batch.Except(waiting)], "disk_full", message);
                _carried.AddRange(waiting);
                _pauseBeforeRetry = waiting.Count > 0;
            }
            else
            {
                FailAppends(batch, "disk_full", message);
            }
        }
        catch (SqliteException e)
        {
            // Read-only remount, I/O error, corruption: keep the batch, close, and reopen after a pause.
            LogWriteFailed(_logger, _settings.DatabasePath, e.SqliteErrorCode, e.Message);
            _metrics.AppendFailed(e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase ? "corrupt" : "io");
            _carried.AddRange(batch);
            SetProblem($"cannot write {_settings.DatabasePath}: {e.Message}");
            if (e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
            {
                CloseConnection();
                MoveCorruptFileAside(e.Message);
            }

            CloseConnection();
        }
    }

    private void WriteBatch(List<OutboxWork> batch)
    {
        var connection = _connection!;
        var commands = _commands!;
        var firstSeq = _nextSeq;
        long addedBytes = 0, addedAlarms = 0, added = 0, removedBytes = 0, removed = 0, removedAlarms = 0, buried = 0, deadDelta = 0;
        var nowMs = _time.GetUtcNow().ToUnixTimeMilliseconds();
        using (var transaction = connection.BeginTransaction())
        {
            commands.Enlist(transaction);
            _activeAlarms!.Enlist(transaction);
            var seq = firstSeq;
            foreach (var work in batch)
            {
                switch (work)
                {
                    case PendingAppend append:
                        if (!append.TryBuild(seq, $"{_settings.GatewayId}:{seq.ToString(CultureInfo.InvariantCulture)}"))
                        {
                            continue;
                        }

                        commands.Insert(append);
                        StoreActiveAlarm(append);
                        addedBytes += append.Payload!.Length;
                        addedAlarms += append.Draft.Kind == MessageKind.Alarm ? 1 : 0;
                        added++;
                        seq++;
                        break;
                    case PendingAck ack:
                        foreach (var acked in ack.Seqs)
                        {
                            if (commands.Delete(acked) is { } row)
                            {
                                removedBytes += row.Bytes;
                                removedAlarms += row.Kind == MessageKind.Alarm ? 1 : 0;
                                removed++;
                            }
                        }

                        break;
                    case PendingDeadLetter dead:
                        if (commands.Bury(dead.Seq, dead.Reason, dead.Refusals, nowMs, _settings.DeadLetterLimit) is { } gone)
                        {
                            removedBytes += gone.Bytes;
                            removedAlarms += gone.Kind == MessageKind.Alarm ? 1 : 0;
                            removed++;
                            buried++;
                            deadDelta += 1 - gone.Trimmed;
                            dead.Moved = true;
                            _metrics.DeadLettered(gone.Kind);
                        }

                        break;
                }
            }

            commands.SetState("next_seq", seq);
            transaction.Commit();
            _nextSeq = seq;
        }

        Interlocked.Add(ref _depth, added - removed);
        Interlocked.Add(ref _bytes, addedBytes - removedBytes);
        Interlocked.Add(ref _alarmDepth, addedAlarms - removedAlarms);
        _metrics.Committed(added, removed - buried);
        Interlocked.Add(ref _deadLetters, deadDelta);
        if (DiskFull is not null)
        {
            Volatile.Write(ref _diskFull, null);
            LogRoomAgain(_logger, _settings.DatabasePath, DroppedSoFar(DroppedKey("disk_full", MessageKind.Reading)) - _droppedWhenFull);
        }


        // Limits first, so that when an append returns the quota already holds.
        EnforceLimits();
        foreach (var work in batch)
        {
            work.Complete();
        }
    }

    private void EnforceLimits()
    {
        var now = _time.GetUtcNow();
        if (now - _lastTtlSweep >= TtlSweepInterval)
        {
            _lastTtlSweep = now;
            var cutoff = (now - _settings.ReadingTtl).ToUnixTimeMilliseconds();
            Evict(MessageKind.Reading, "ttl", long.MaxValue, cutoff);
        }

        var excess = Bytes - _settings.QuotaBytes;
        if (excess > 0)
        {
            excess -= Evict(MessageKind.Reading, "quota", excess, long.MaxValue);
        }

        if (excess > 0 && !_commands!.HasReadings())
        {
            // Alarms go only when no reading is left to give up. Readings the forwarder holds are on their way
            // out: until they are acknowledged the outbox stays over its quota rather than evict an alarm.
            Evict(null, "quota", excess, long.MaxValue);
        }
    }

    /// <summary>
    /// Deletes the oldest messages of a kind (null: any kind) until <paramref name="bytesToFree"/> are freed or
    /// none is older than the cutoff, passing over what the forwarder holds (<see cref="TakeAsync"/>).
    /// </summary>
    private long Evict(MessageKind? kind, string reason, long bytesToFree, long olderThanMs)
    {
        // The gate keeps TakeAsync from holding a message while it is being evicted.
        lock (_evictionGate)
        {
            return EvictUnheld(kind, reason, bytesToFree, olderThanMs);
        }
    }

    private long EvictUnheld(MessageKind? kind, string reason, long bytesToFree, long olderThanMs)
    {
        using var transaction = _connection!.BeginTransaction();
        _commands!.Enlist(transaction);
        var victims = _commands.Oldest(kind, bytesToFree, olderThanMs, _heldReadingsUpTo, _heldUrgentUpTo);
        if (victims.Count == 0)
        {
            return 0;
        }

        long freed = 0, alarms = 0;
        var byKind = new Dictionary<MessageKind, long>();
        foreach (var (seq, rowKind, bytes) in victims)
        {
            _commands.Delete(seq);
            freed += bytes;
            alarms += rowKind == MessageKind.Alarm ? 1 : 0;
            byKind[rowKind] = byKind.GetValueOrDefault(rowKind) + 1;
        }

        foreach (var (rowKind, count) in byKind)
        {
            var key = DroppedKey(reason, rowKind);
            _commands.SetState(key, DroppedSoFar(key) + count);
        }

        transaction.Commit();
        Interlocked.Increment(ref _evictions);
        Interlocked.Add(ref _depth, -victims.Count);
        Interlocked.Add(ref _bytes, -freed);
        Interlocked.Add(ref _alarmDepth, -alarms);
        foreach (var (rowKind, count) in byKind)
        {
            CountDropped(rowKind, reason, count);
            LogEvicted(_logger, count, rowKind, reason);
        }

        return freed;
    }

    /// <summary>Evicts the oldest readings to make room: true if some went, false if none was left, null if not even the delete fitted.</summary>
    private bool? FreeSpaceForBatch(List<OutboxWork> batch)
    {
        var wanted = batch.OfType<PendingAppend>().Sum(a => 256L + (a.Payload?.Length ?? 512));
        try
        {
            return Evict(MessageKind.Reading, "disk_full", wanted * 2, long.MaxValue) > 0;
        }
        catch (SqliteException e) when (e.SqliteErrorCode == SqliteFull)
        {
            return null;
        }
        catch (SqliteException e)
        {
            LogWriteFailed(_logger, _settings.DatabasePath, e.SqliteErrorCode, e.Message);
            return false;
        }
    }

    private void FailAppends(List<OutboxWork> batch, string reason, string message)
    {
        foreach (var work in batch)
        {
            if (work is PendingAppend append)
            {
                CountDropped(append.Draft.Kind, reason, 1);
            }

            work.Fail(new OutboxUnavailableException(message));
        }
    }

    private bool TryOpen()
    {
        try
        {
            Directory.CreateDirectory(_settings.DataDir);
            var connection = new SqliteConnection(ConnectionString(SqliteOpenMode.ReadWriteCreate));
            connection.Open();
            OutboxCommands? commands = null;
            try
            {
                commands = OutboxCommands.Create(connection, _settings.MaxPageCount);
                var stored = commands.LoadState();
                _nextSeq = Math.Max(stored.NextSeq, _nextSeq);
                ProveWritable(connection, commands);
                Interlocked.Exchange(ref _depth, stored.Depth);
                Interlocked.Exchange(ref _bytes, stored.Bytes);
                Interlocked.Exchange(ref _alarmDepth, stored.AlarmDepth);
                Interlocked.Exchange(ref _deadLetters, stored.DeadLetters);
                lock (_droppedGate)
                {
                    foreach (var (key, value) in stored.Dropped)
                    {
                        _dropped[key] = Math.Max(value, _dropped.GetValueOrDefault(key));
                    }
                }

                _activeAlarms = ActiveAlarmTable.Create(connection);
                _connection = connection;
                _commands = commands;
            }
            catch
            {
                // Its insert is a raw statement the connection does not track: left unfinalized, it would keep the
                // file open after the connection is closed (and a failed disk from being unmounted and repaired).
                commands?.Dispose();
                connection.Dispose();
                ClearPools();
                throw;
            }

            if (Problem is not null)
            {
                LogOpened(_logger, _settings.DatabasePath, Depth, Bytes, _nextSeq);
            }

            SetProblem(null);
            EnforceLimits();
            return true;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is SqliteCorrupt or SqliteNotADatabase)
        {
            MoveCorruptFileAside(e.Message);
            return TryOpenAfterFailure($"{_settings.DatabasePath} was corrupt and has been moved aside");
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            var problem = $"cannot open {_settings.DatabasePath}: {e.Message} (is the data dir {_settings.DataDir} writable by this user?)";
            if (Problem != problem)
            {
                LogOpenFailed(_logger, _settings.DatabasePath, e.Message);
            }

            _metrics.OpenFailed();
            SetProblem(problem);
            return false;
        }
    }

    /// <summary>
    /// SQLite opens a file on a file system remounted read-only under it (after an I/O error) without complaint and
    /// falls back to reading; only a write tells. Rewriting next_seq is that write: without it the writer loop would
    /// "open", fail its commit and reopen in a tight loop instead of waiting for the data dir to come back.
    /// </summary>
    private void ProveWritable(SqliteConnection connection, OutboxCommands commands)
    {
        using var transaction = connection.BeginTransaction();
        commands.Enlist(transaction);
        commands.SetState("next_seq", _nextSeq);
        transaction.Commit();
    }

    private bool TryOpenAfterFailure(string problem)
    {
        SetProblem(problem);
        return TryOpen();
    }

    private void MoveCorruptFileAside(string reason)
    {
        ClearPools();
        var stamp = _time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var aside = $"{_settings.DatabasePath}.corrupt-{stamp}";
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            var file = _settings.DatabasePath + suffix;
            if (File.Exists(file))
            {
                File.Move(file, aside + suffix, overwrite: true);
            }
        }

        // A fresh file must not reuse seq (and so message ids) the cloud has already seen.
        _nextSeq = Math.Max(_nextSeq, _time.GetUtcNow().ToUnixTimeMilliseconds() * 1000);
        _metrics.CorruptFile();
        LogCorrupt(_logger, _settings.DatabasePath, reason, aside, _nextSeq);
    }

    private void CloseConnection()
    {
        _commands?.Dispose();
        _commands = null;
        _activeAlarms?.Dispose();
        _activeAlarms = null;
        if (_connection is not null)
        {
            _connection.Dispose();
            _connection = null;
            ClearPools();
        }
    }

    /// <summary>
    /// Closes the pooled handles of this file, the writer's and the readers' (the catalog's and other files' pools are
    /// left alone): after a failed disk is fsck'ed and mounted again, or a corrupt file is moved aside, the reopened
    /// outbox and its readers must open the file now at the path, not keep the old one.
    /// </summary>
    private void ClearPools()
    {
        foreach (var mode in new[] { SqliteOpenMode.ReadWriteCreate, SqliteOpenMode.ReadOnly })
        {
            using var pooled = new SqliteConnection(ConnectionString(mode));
            SqliteConnection.ClearPool(pooled);
        }
    }

    private async Task<SqliteConnection> OpenReaderAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString(SqliteOpenMode.ReadOnly));
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    private string ConnectionString(SqliteOpenMode mode) => new SqliteConnectionStringBuilder
    {
        DataSource = _settings.DatabasePath,
        Mode = mode,
        Pooling = true,
        DefaultTimeout = 5,
    }.ToString();

    private void SetProblem(string? problem) => Volatile.Write(ref _problem, problem);

    private static string DroppedKey(string reason, MessageKind kind) =>
        $"dropped.{reason}.{kind.ToString().ToLowerInvariant()}";

    private long DroppedSoFar(string key)
    {
        lock (_droppedGate)
        {
            return _dropped.GetValueOrDefault(key);
        }
    }

    private void CountDropped(MessageKind kind, string reason, long count)
    {
        var key = DroppedKey(reason, kind);
        lock (_droppedGate)
        {
            _dropped[key] = _dropped.GetValueOrDefault(key) + count;
        }

        _metrics.Dropped(kind, reason, count);
    }

    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "Outbox {Path} open: {Depth} messages, {Bytes} bytes stored, next seq {NextSeq}")]
    private static partial void LogOpened(ILogger logger, string path, long depth, long bytes, long nextSeq);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Error, Message = "Outbox {Path} cannot be opened: {Reason}. Local alarms keep working; readings queue in memory and the outbox retries")]
    private static partial void LogOpenFailed(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Error, Message = "Outbox {Path} is full (SQLITE_FULL): {Reason}. Evicting the oldest readings to make room")]
    private static partial void LogDiskFull(ILogger logger, string path, string reason);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Error, Message = "Outbox {Path} write failed (SQLite error {Code}): {Reason}. The batch is kept and retried after reopening")]
    private static partial void LogWriteFailed(ILogger logger, string path, int code, string reason);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Critical, Message = "Outbox {Path} is corrupt ({Reason}); moved to {Aside} for inspection and starting an empty outbox at seq {NextSeq}")]
    private static partial void LogCorrupt(ILogger logger, string path, string reason, string aside, long nextSeq);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Outbox dropped {Count} {Kind} messages ({Reason})")]
    private static partial void LogEvicted(ILogger logger, long count, MessageKind kind, string reason);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Outbox read failed (SQLite error {Code}): {Reason}")]
    private static partial void LogReadFailed(ILogger logger, int code, string reason);

    [LoggerMessage(EventId = 1108, Level = LogLevel.Error, Message = "Outbox cannot flush {Count} queued messages on shutdown: {Problem}")]
    private static partial void LogFlushImpossible(ILogger logger, int count, string problem);

    [LoggerMessage(EventId = 1960, Level = LogLevel.Warning, Message = "Outbox {Path} has room again: appends resume; {Readings} readings were dropped while it was full (dropped.disk_full.reading)")]
    private static partial void LogRoomAgain(ILogger logger, string path, long readings);

    [LoggerMessage(EventId = 1107, Level = LogLevel.Error, Message = "Outbox flush on shutdown timed out with {Pending} appends still queued")]
    private static partial void LogFlushTimedOut(ILogger logger, int pending);
}
