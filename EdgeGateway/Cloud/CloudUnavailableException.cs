namespace EdgeGateway.Cloud;

/// <summary>
/// The cloud cannot take messages right now (refused the connection, throttled, quota exceeded, lost the
/// connection). <see cref="RetryAfter"/> is the least the forwarder waits before trying again, so a
/// throttled hub is not answered with a reconnect storm.
/// </summary>
public sealed class CloudUnavailableException : Exception
{
    public CloudUnavailableException()
    {
    }

    public CloudUnavailableException(string message)
        : base(message)
    {
    }

    public CloudUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CloudUnavailableException(string message, TimeSpan retryAfter, Exception? innerException = null)
        : base(message, innerException)
    {
        RetryAfter = retryAfter;
    }

    public TimeSpan RetryAfter { get; }
}
