namespace EdgeGateway.Admin;

/// <summary>The admin socket refused this user (CLI exit code 4).</summary>
public sealed class AdminDeniedException : Exception
{
    public AdminDeniedException()
    {
    }

    public AdminDeniedException(string message)
        : base(message)
    {
    }

    public AdminDeniedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
