namespace EdgeGateway.Outbox;

/// <summary>The outbox's own settings, taken from config (outbox.*, gateway.*).</summary>
public sealed record OutboxSettings(string DataDir, string GatewayId)
{
    public long QuotaBytes { get; init; } = 256L * 1024 * 1024;

    public TimeSpan ReadingTtl { get; init; } = TimeSpan.FromDays(7);

    public int MaxBatch { get; init; } = 4096;

    /// <summary>The shortest time between two group commits (config outbox.commitIntervalMs); zero commits as soon as work arrives.</summary>
    public TimeSpan CommitInterval { get; init; } = TimeSpan.Zero;

    public int PendingCapacity { get; init; } = 65_536;

    /// <summary>How often a closed outbox (read-only or missing data dir) tries to open again.</summary>
    public TimeSpan ReopenInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>SQLite's max_page_count, a hard size cap below the disk's; tests use it to provoke SQLITE_FULL.</summary>
    public long? MaxPageCount { get; init; }

    /// <summary>Dead letters kept for inspection; the oldest go first beyond this.</summary>
    public int DeadLetterLimit { get; init; } = 10_000;

    public string DatabasePath => Path.Combine(DataDir, "outbox.db");
}
