using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>The durable store-and-forward queue (design.md §2, §6).</summary>
public sealed class OutboxOptions
{
    /// <summary>Upper bound of stored payload bytes; past it the oldest readings are evicted first.</summary>
    [Range(1_048_576, 1_099_511_627_776, ErrorMessage = "must be 1 MiB..1 TiB")]
    public long QuotaBytes { get; set; } = 256L * 1024 * 1024;

    /// <summary>Readings older than this are dropped (counted); alarms never expire.</summary>
    [Range(60, 31_536_000, ErrorMessage = "must be 60..31536000 (1 min..1 year)")]
    public int ReadingTtlSeconds { get; set; } = 7 * 24 * 3600;

    /// <summary>The most appends one commit (one fsync) takes.</summary>
    [Range(1, 100_000, ErrorMessage = "must be 1..100000")]
    public int MaxBatch { get; set; } = 4096;

    /// <summary>
    /// The shortest time between two commits: readings arriving meanwhile wait and share the next one, so a
    /// steady trickle of readings costs at most 1000 / this fsyncs a second instead of one each. An alarm or a
    /// device state change ends the wait at once. 0 commits at once.
    /// </summary>
    [Range(0, 1000, ErrorMessage = "must be 0..1000")]
    public int CommitIntervalMs { get; set; } = 100;

    /// <summary>
    /// How many appends may wait for the next commit. Past it the engine drops readings (counted as
    /// queue_full) rather than stall local alarms; alarm and device messages are always taken.
    /// </summary>
    [Range(16, 1_000_000, ErrorMessage = "must be 16..1000000")]
    public int PendingCapacity { get; set; } = 65_536;
}
