using EdgeGateway.Configuration;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.CallButtons;

public sealed class MqttCallButtonOptionsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public static TheoryData<string, string, string> Wrong() => new()
    {
        { "both sections", """ "gpio": { "line": 3 }, "mqtt": { "topic": "ward/3A/bed12/call" } """, "devices[0].mqtt: cannot be combined with gpio: a call button is either a GPIO contact or an MQTT button" },
        { "neither section", "", "devices[0].gpio: is required for a device of type \"callButton\" (or an mqtt section for an MQTT button)" },
        { "single-level wildcard", """ "mqtt": { "topic": "ward/3A/+/call" } """, "devices[0].mqtt.topic: must be one exact topic, without the wildcards '+' or '#'" },
        { "multi-level wildcard", """ "mqtt": { "topic": "ward/3A/#" } """, "devices[0].mqtt.topic: must be one exact topic, without the wildcards '+' or '#'" },
        { "broker topic", """ "mqtt": { "topic": "$SYS/call" } """, "devices[0].mqtt.topic: must not start with '$' (reserved for the broker's own topics)" },
        { "no topic", """ "mqtt": { } """, "devices[0].mqtt.topic: is required" },
        { "inline password", """ "mqtt": { "topic": "t", "broker": { "host": "b", "password": "x" } } """, "devices[0].mqtt.broker.password: unknown key (did you mean \"passwordFile\"?)" },
        { "relative CA file", """ "mqtt": { "topic": "t", "broker": { "host": "b", "caFile": "ca.pem" } } """, "devices[0].mqtt.broker.caFile: must be an absolute path" },
        { "CA without TLS", """ "mqtt": { "topic": "t", "broker": { "host": "b", "tls": false, "caFile": "/etc/edgegw/ca.pem" } } """, "devices[0].mqtt.broker.caFile: is set but tls is false" },
        { "password without user", """ "mqtt": { "topic": "t", "broker": { "host": "b", "passwordFile": "/run/credentials/edgegw/button" } } """, "devices[0].mqtt.broker.username: a password needs a username" },
        { "no host", """ "mqtt": { "topic": "t", "broker": { "port": 1883 } } """, "devices[0].mqtt.broker.host: is required" },
    };

    [Theory]
    [MemberData(nameof(Wrong))]
    public void A_wrong_mqtt_button_section_is_refused_with_its_path(string what, string sections, string expected)
    {
        var separator = sections.Length == 0 ? "" : ",";
        var result = Load($$"""{ "gateway": { "id": "ward-3a" }, "devices": [{ "id": "call-1", "type": "callButton"{{separator}} {{sections}} }] }""");

        Assert.False(result.IsValid, what);
        Assert.Equal([expected], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void An_mqtt_button_on_the_embedded_or_an_external_broker_is_valid()
    {
        var result = Load("""
            { "gateway": { "id": "ward-3a" }, "devices": [
              { "id": "call-1", "type": "callButton", "mqtt": { "topic": "ward/3A/bed12/call" } },
              { "id": "call-2", "type": "callButton", "mqtt": { "topic": "ward/3A/bed13/call", "broker": {
                  "host": "broker.ward.local", "caFile": "/etc/edgegw/ca.pem", "username": "edgegw", "passwordFile": "/run/credentials/edgegw/button" } } } ] }
            """);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var external = result.Options!.Devices[1].Mqtt!.Broker!;
        Assert.Equal(("ward/3A/bed12/call", (object?)null), (result.Options.Devices[0].Mqtt!.Topic, (object?)result.Options.Devices[0].Mqtt!.Broker));
        Assert.Equal(("broker.ward.local", 8883, true, "edgegw"), (external.Host, external.Port, external.Tls, external.Username));
    }

    [Fact]
    public void An_mqtt_section_on_another_device_type_does_not_belong()
    {
        var result = Load("""{ "gateway": { "id": "ward-3a" }, "devices": [{ "id": "bed-1", "type": "mattress", "mattress": { "port": "/dev/ttyUSB0" }, "mqtt": { "topic": "t" } }] }""");

        Assert.Equal(["devices[0].mqtt: does not belong to a device of type \"mattress\""], result.Errors.Select(e => e.ToString()));
    }

    public void Dispose() => _dir.Dispose();

    private ConfigLoadResult Load(string json)
    {
        var path = _dir.File("edgegw.json");
        File.WriteAllText(path, json);
        return GatewayConfigLoader.Load(path);
    }
}
