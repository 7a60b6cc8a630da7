namespace EdgeGateway.Outbox;

/// <summary>An append that could not be made durable; the message says why in words a technician can act on.</summary>
public sealed class OutboxUnavailableException : Exception
{
    public OutboxUnavailableException()
    {
    }

    public OutboxUnavailableException(string message)
        : base(message)
    {
    }

    public OutboxUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
