using EdgeGateway.Outbox;

namespace EdgeGateway.Cloud;

/// <summary>The answer to the IoT Hub direct method <c>status</c> (docs/cloud.md).</summary>
public sealed record HubStatusAnswer(string GatewayId, CloudStatusSnapshot Cloud, OutboxStats Outbox);
