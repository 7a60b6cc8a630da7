namespace EdgeGateway.Configuration;

/// <summary>How the gateway reaches IoT Hub.</summary>
public enum IotHubTransport
{
    /// <summary>MQTT 3.1.1 over TLS on port 8883.</summary>
    Mqtt,

    /// <summary>MQTT over a secure WebSocket on port 443, for networks that close 8883.</summary>
    WebSocket,
}
