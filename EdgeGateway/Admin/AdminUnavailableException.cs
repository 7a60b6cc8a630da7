namespace EdgeGateway.Admin;

/// <summary>No daemon answers on the admin socket (CLI exit code 3).</summary>
public sealed class AdminUnavailableException : Exception
{
    public AdminUnavailableException()
    {
    }

    public AdminUnavailableException(string message)
        : base(message)
    {
    }

    public AdminUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
