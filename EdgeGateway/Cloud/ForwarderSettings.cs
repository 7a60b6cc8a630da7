namespace EdgeGateway.Cloud;

/// <summary>How the forwarder paces itself.</summary>
public sealed record ForwarderSettings(int MaxInFlight)
{
    public TimeSpan InitialBackoff { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxBackoff { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Refusals of one message (see <see cref="CloudRefusedException"/>) before it goes to the dead-letter table.</summary>
    public int MaxRefusals { get; init; } = 5;

    /// <summary>Publishes started per second at most (IoT Hub's throttling limits); 0 for as fast as acknowledgements come back.</summary>
    public int MaxMessagesPerSecond { get; init; }

    /// <summary>How often an empty outbox is looked at again.</summary>
    public TimeSpan IdlePoll { get; init; } = TimeSpan.FromMilliseconds(100);
}
