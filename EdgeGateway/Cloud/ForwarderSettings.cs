namespace EdgeGateway.Cloud;

/// <summary>How the forwarder paces itself.</summary>
public sealed record ForwarderSettings(int MaxInFlight)
{
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromMinutes(2);
}
