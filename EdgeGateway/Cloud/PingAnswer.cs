namespace EdgeGateway.Cloud;

/// <summary>The answer to the IoT Hub direct method <c>ping</c> (docs/cloud.md).</summary>
public sealed record PingAnswer(bool Pong, string GatewayId, string Time);
