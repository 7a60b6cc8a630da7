using System.Net;
using EdgeGateway.Hosting;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>Config sections of the fault suite's daemons, as a technician writes them (docs/configuration.md).</summary>
public static class DeviceFaultConfig
{
    /// <summary>A cloud broker that is never there: everything the daemon takes in stays in its outbox.</summary>
    public static string UnreachableCloud() =>
        $$"""
        "cloud": { "kind": "mqtt", "mqtt": { "host": "127.0.0.1", "port": {{LoopbackPorts.Free(IPAddress.Loopback)}}, "tls": false } }
        """;

    /// <summary>A pressure transmitter on Modbus TCP polled every <paramref name="pollIntervalMs"/> (one reading per poll).</summary>
    public static string PressureTransmitter(string id, int port, int pollIntervalMs, int? silenceTimeoutSeconds = null) =>
        $$"""
        { "id": "{{id}}", "type": "pressure", {{Silence(silenceTimeoutSeconds)}}
          "modbus": { "tcp": "127.0.0.1:{{port}}", "pollIntervalMs": {{pollIntervalMs}}, "timeoutMs": 200,
                      "points": [{ "name": "pressure", "function": 3, "address": 0, "type": "float32", "unit": "kPa" }] } }
        """;

    /// <summary>An MQTT call button on the embedded broker.</summary>
    public static string CallButton(string id, string topic) =>
        $$"""{ "id": "{{id}}", "type": "callButton", "mqtt": { "topic": "{{topic}}" } }""";

    private static string Silence(int? seconds) => seconds is { } s ? $"\"silenceTimeoutSeconds\": {s}," : "";
}
