using System.Diagnostics;
using System.Diagnostics.Metrics;
using EdgeGateway.Drivers;

namespace EdgeGateway.Outbox;

/// <summary>The outbox's counters and gauges (exported on /metrics and in <c>edgegw status</c>).</summary>
public sealed class OutboxMetrics
{
    private readonly Meter _meter;
    private readonly Counter<long> _appended;
    private readonly Counter<long> _acknowledged;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _appendFailures;
    private readonly Counter<long> _openFailures;
    private readonly Counter<long> _corruptFiles;
    private readonly Counter<long> _deadLettered;
    private readonly Counter<long> _commits;

    public OutboxMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _meter = meterFactory.Create(DriverMetrics.MeterName);
        _appended = _meter.CreateCounter<long>("edgegw.outbox.appended", "{message}", "Messages made durable in the outbox");
        _acknowledged = _meter.CreateCounter<long>("edgegw.outbox.acknowledged", "{message}", "Messages deleted after the cloud acknowledged them");
        _dropped = _meter.CreateCounter<long>("edgegw.outbox.dropped", "{message}", "Messages dropped, by kind and reason (quota, ttl, disk_full, queue_full)");
        _appendFailures = _meter.CreateCounter<long>("edgegw.outbox.write_errors", "{error}", "Failed outbox writes, by reason (disk_full, io, corrupt)");
        _openFailures = _meter.CreateCounter<long>("edgegw.outbox.open_errors", "{error}", "Failed attempts to open the outbox file");
        _corruptFiles = _meter.CreateCounter<long>("edgegw.outbox.corrupt_files", "{file}", "Corrupt outbox files moved aside");
        _commits = _meter.CreateCounter<long>("edgegw.outbox.commits", "{commit}", "Group commits, each one transaction and one fsync (outbox.commitIntervalMs bounds their rate)");
        _deadLettered = _meter.CreateCounter<long>("edgegw.outbox.dead_lettered", "{message}", "Messages the cloud kept refusing, moved to the dead-letter table, by kind");
    }

    internal void Observe(OutboxStore store)
    {
        _meter.CreateObservableGauge("edgegw.outbox.depth", () => store.Depth, "{message}", "Messages stored, not yet acknowledged");
        _meter.CreateObservableGauge("edgegw.outbox.bytes", () => store.Bytes, "By", "Payload bytes stored");
        _meter.CreateObservableGauge("edgegw.outbox.pending", () => store.Pending, "{message}", "Appends waiting for the next group commit");
        _meter.CreateObservableGauge("edgegw.outbox.dead_letters", () => store.DeadLetters, "{message}", "Messages kept in the dead-letter table");
        _meter.CreateObservableGauge("edgegw.outbox.available", () => store.Problem is null && store.DiskFull is null ? 1 : 0, null, "1 when the outbox can store, 0 when it cannot");
    }

    internal void Committed(long appended, long acknowledged)
    {
        _commits.Add(1);
        if (appended > 0)
        {
            _appended.Add(appended);
        }

        if (acknowledged > 0)
        {
            _acknowledged.Add(acknowledged);
        }
    }

    internal void Dropped(MessageKind kind, string reason, long count)
    {
        var tags = new TagList { { "kind", kind.ToString().ToLowerInvariant() }, { "reason", reason } };
        _dropped.Add(count, tags);
    }

    internal void AppendFailed(string reason) => _appendFailures.Add(1, new KeyValuePair<string, object?>("reason", reason));

    internal void DeadLettered(MessageKind kind) => _deadLettered.Add(1, new KeyValuePair<string, object?>("kind", kind.ToString().ToLowerInvariant()));

    internal void OpenFailed() => _openFailures.Add(1);

    internal void CorruptFile() => _corruptFiles.Add(1);
}
