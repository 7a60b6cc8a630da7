namespace EdgeGateway.Outbox;

/// <summary>What <c>edgegw outbox</c> and <c>edgegw status</c> show.</summary>
public sealed record OutboxStats(
    bool Available,
    string? Problem,
    long Depth,
    long Bytes,
    long QuotaBytes,
    long AlarmDepth,
    double? OldestAgeSeconds,
    long NextSeq,
    IReadOnlyDictionary<string, long> Dropped,
    long DeadLetters = 0);
