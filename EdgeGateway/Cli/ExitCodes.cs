namespace EdgeGateway.Cli;

/// <summary>The CLI's exit codes (docs/cli.md), stable for scripts.</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The daemon or a diagnostic failed at run time.</summary>
    public const int Failed = 1;

    /// <summary>Invalid configuration or usage.</summary>
    public const int InvalidConfig = 2;

    /// <summary>No daemon answers on the admin socket.</summary>
    public const int NotRunning = 3;

    /// <summary>The admin socket refused this user.</summary>
    public const int PermissionDenied = 4;
}
