namespace EdgeGateway.Outbox;

/// <summary>Messages the cloud acknowledged, to delete in the next group commit.</summary>
internal sealed class PendingAck(long[] seqs) : OutboxWork
{
    public long[] Seqs { get; } = seqs;

    public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override void Complete() => Done.TrySetResult();

    public override void Fail(Exception error) => Done.TrySetException(error);
}
