using EdgeGateway.Configuration;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Cloud;

public sealed class CloudOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void An_iot_hub_section_from_the_file_binds_and_every_mistake_is_listed_by_path()
    {
        var good = Load("""
            { "gateway": { "id": "ward-3a" },
              "cloud": { "kind": "iotHub", "maxRefusals": 3,
                         "iotHub": { "hostName": "ward-hub.azure-devices.net", "deviceId": "ward-3a", "sharedAccessKeyFile": "/run/credentials/edgegw.service/iothub-key", "transport": "webSocket" } } }
            """);
        var bad = Load("""
            { "gateway": { "id": "ward-3a" },
              "cloud": { "kind": "iotHub",
                         "iotHub": { "deviceId": "ward-3a", "tokenLifetimeMinutes": 5, "tokenRenewalMarginSeconds": 300 },
                         "mqtt": { "host": "broker", "topicLayout": "{prefix}/{ward}/{kind}", "messageExpirySeconds": 60 } } }
            """);

        Assert.True(good.IsValid, string.Join("; ", good.Errors));
        Assert.Equal(CloudKind.IotHub, good.Options!.Cloud.Kind);
        Assert.Equal(IotHubTransport.WebSocket, good.Options.Cloud.IotHub!.Transport);
        Assert.Equal(443, good.Options.Cloud.IotHub.EffectivePort);
        Assert.Equal(3, good.Options.Cloud.MaxRefusals);
        Assert.Equal(
            [
                "cloud.iotHub.hostName: is required unless connectionStringFile gives it",
                "cloud.iotHub.sharedAccessKeyFile: set exactly one of sharedAccessKeyFile, connectionStringFile or clientCertificateFile",
                "cloud.iotHub.tokenRenewalMarginSeconds: must be shorter than tokenLifetimeMinutes",
                "cloud.mqtt.messageExpirySeconds: needs protocolVersion \"5\" (MQTT 3.1.1 has no message expiry)",
                "cloud.mqtt.topicLayout: unknown placeholder (known: {prefix}, {gatewayId}, {kind}, {deviceId})",
            ],
            bad.Errors.Select(e => e.ToString()).Order(StringComparer.Ordinal));
    }

    private ConfigLoadResult Load(string json)
    {
        var path = _dir.File($"{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return GatewayConfigLoader.Load(path);
    }
}
