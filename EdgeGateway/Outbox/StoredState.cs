namespace EdgeGateway.Outbox;

/// <summary>What an opened outbox file holds: totals and the persisted counters.</summary>
internal sealed record StoredState(long NextSeq, long Depth, long Bytes, long AlarmDepth, IReadOnlyDictionary<string, long> Dropped, long DeadLetters);
