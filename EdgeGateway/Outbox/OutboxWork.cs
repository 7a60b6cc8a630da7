namespace EdgeGateway.Outbox;

/// <summary>One unit of work for the outbox's writer loop: an append or an acknowledgement.</summary>
internal abstract class OutboxWork
{
    public abstract void Complete();

    public abstract void Fail(Exception error);
}
