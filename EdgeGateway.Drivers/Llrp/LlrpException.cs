namespace EdgeGateway.Drivers.Llrp;

/// <summary>An LLRP session failed; the message names the protocol state and what went wrong.</summary>
public sealed class LlrpException : Exception
{
    public LlrpException()
    {
    }

    public LlrpException(string message)
        : base(message)
    {
    }

    public LlrpException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Set when the reader refused the connection (ConnectionAttemptEvent).</summary>
    public ConnectionAttemptStatus? Refusal { get; init; }
}
