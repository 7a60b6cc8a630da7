namespace EdgeGateway.Outbox;

/// <summary>An append waiting for its group commit.</summary>
internal sealed class PendingAppend(OutboxDraft draft) : OutboxWork
{
    public OutboxDraft Draft { get; } = draft;

    public TaskCompletionSource<long> Durable { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public long Seq { get; private set; }

    public string? Id { get; private set; }

    public byte[]? Payload { get; private set; }

    /// <summary>Gives the message its seq and id and builds its payload; a payload that cannot be built fails this append only.</summary>
    public bool TryBuild(long seq, string id)
    {
        if (Durable.Task.IsCompleted)
        {
            return false;
        }

        try
        {
            Payload = Draft.Payload(seq, id);
            Seq = seq;
            Id = id;
            return true;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            Durable.TrySetException(e);
            return false;
        }
    }

    public override void Complete() => Durable.TrySetResult(Seq);

    public override void Fail(Exception error) => Durable.TrySetException(error);
}
