namespace EdgeGateway.Outbox;

/// <summary>A message to move from the queue to the dead-letter table in the next group commit.</summary>
internal sealed class PendingDeadLetter(long seq, string reason, int refusals) : OutboxWork
{
    public long Seq { get; } = seq;

    public string Reason { get; } = reason;

    public int Refusals { get; } = refusals;

    public TaskCompletionSource<bool> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool Moved { get; set; }

    public override void Complete() => Done.TrySetResult(Moved);

    public override void Fail(Exception error) => Done.TrySetException(error);
}
