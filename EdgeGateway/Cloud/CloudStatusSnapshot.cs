namespace EdgeGateway.Cloud;

/// <param name="LagSeconds">From observation to the cloud's acknowledgement, for the last message delivered.</param>
/// <param name="Refusals">Publishes the cloud refused (each attempt counted).</param>
/// <param name="DeadLettered">Messages moved to the dead-letter table since start.</param>
public sealed record CloudStatusSnapshot(
    string Endpoint,
    bool Connected,
    string? LastError,
    DateTimeOffset? LastDelivery,
    long Delivered,
    double? LagSeconds = null,
    long Refusals = 0,
    long DeadLettered = 0,
    string? LastRefusal = null);
