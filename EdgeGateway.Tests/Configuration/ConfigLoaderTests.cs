using EdgeGateway.Configuration;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Configuration;

public sealed class ConfigLoaderTests : IDisposable
{
    private const string Valid = """
        {
          // comments are allowed: technicians annotate their files
          "gateway": { "id": "ward-3a", "dataDir": "/var/lib/edgegw" },
          "cloud": { "kind": "mqtt", "mqtt": { "host": "broker.example.org", "caFile": "/etc/edgegw/ca.pem", "username": "ward-3a", "passwordFile": "/run/credentials/edgegw.service/mqtt-password" } },
          "devices": [
            { "id": "bed-12A", "type": "mattress", "location": { "ward": "3A", "bed": "12A" }, "mattress": { "port": "/dev/ttyUSB0" } },
            { "id": "call-12A", "type": "callButton", "gpio": { "chip": 0, "line": 17, "cancelLine": 27 } },
            { "id": "store-3A", "type": "rfid", "llrp": { "host": "10.0.0.5", "antennas": [1, 2] } },
          ],
        }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_valid_file_binds_every_section_with_defaults_filled_in()
    {
        var result = Load(Valid);

        Assert.Empty(result.Errors);
        var options = result.Options!;
        Assert.Equal("ward-3a", options.Gateway.Id);
        Assert.Equal(CloudKind.Mqtt, options.Cloud.Kind);
        Assert.Equal(8883, options.Cloud.Mqtt!.Port);
        Assert.Equal([DeviceType.Mattress, DeviceType.CallButton, DeviceType.Rfid], options.Devices.Select(d => d.Type));
        Assert.Equal("/dev/ttyUSB0", options.Devices[0].Mattress!.Port);
        Assert.Equal(27, options.Devices[1].Gpio!.CancelLine);
        Assert.Equal([1, 2], options.Devices[2].Llrp!.Antennas);
        Assert.Equal(256L * 1024 * 1024, options.Outbox.QuotaBytes);
    }

    public static TheoryData<string, string, string> Wrong() => new()
    {
        { "unknown key with a suggestion", """ "devices": [{ "id": "b", "type": "mattress", "mattress": { "port": "/dev/ttyUSB0" }, "silenceTimeoutSecond": 5 }] """, "devices[0].silenceTimeoutSecond: unknown key (did you mean \"silenceTimeoutSeconds\"?)" },
        { "unknown section", """ "alarm": {} """, "alarm: unknown key (did you mean \"alarms\"?)" },
        { "out of range", """ "devices": [{ "id": "b", "type": "mattress", "mattress": { "port": "/dev/ttyUSB0" }, "silenceTimeoutSeconds": 0 }] """, "devices[0].silenceTimeoutSeconds: must be 1..86400" },
        { "out of range in a driver section", """ "devices": [{ "id": "c", "type": "callButton", "gpio": { "line": 17, "debounceMs": -5 } }] """, "devices[0].gpio.debounceMs: must be" },
        { "wrong JSON type", """ "outbox": { "quotaBytes": "lots" } """, "outbox.quotaBytes: must be a whole number" },
        { "unknown enum value", """ "cloud": { "kind": "azure" } """, "cloud.kind: must be one of: none, mqtt" },
        { "missing device type", """ "devices": [{ "id": "x" }] """, "devices[0].type: is required (one of: pressure, mattress, callButton, rfid, modbus)" },
        { "missing driver section", """ "devices": [{ "id": "x", "type": "mattress" }] """, "devices[0].mattress: is required for a device of type \"mattress\"" },
        { "driver section of another type", """ "devices": [{ "id": "x", "type": "mattress", "mattress": { "port": "/dev/ttyUSB0" }, "gpio": { "line": 3 } }] """, "devices[0].gpio: does not belong to a device of type \"mattress\"" },
        { "duplicate device id", """ "devices": [{ "id": "x", "type": "callButton", "gpio": { "line": 3 } }, { "id": "x", "type": "callButton", "gpio": { "line": 4 } }] """, "devices[1].id: \"x\" is already used by devices[0]" },
        { "relative path", """ "admin": { "socketPath": "admin.sock" } """, "admin.socketPath: must be an absolute path" },
        { "bad identifier", """ "devices": [{ "id": "bed 12/A", "type": "callButton", "gpio": { "line": 3 } }] """, "devices[0].id: must be 1-64 letters" },
        { "cloud section missing", """ "cloud": { "kind": "mqtt" } """, "cloud.mqtt: is required when cloud.kind is \"mqtt\"" },
        { "secret inline is not a thing", """ "cloud": { "kind": "mqtt", "mqtt": { "host": "h", "password": "hunter2" } } """, "cloud.mqtt.password: unknown key (did you mean \"passwordFile\"?)" },
        { "null where a value is needed", """ "outbox": null """, "outbox: must not be null" },
        { "relay with no priority", """ "alarms": { "relays": [{ "name": "buzzer", "line": 22, "priorities": [] }] } """, "alarms.relays[0].priorities: needs at least one of low, medium, high" },
        { "relay line out of range", """ "alarms": { "relays": [{ "name": "buzzer", "line": 5000 }] } """, "alarms.relays[0].line: must be 0..1023" },
        { "duplicate key", """ "metrics": { "port": 1, "port": 2 } """, "metrics.port: duplicate key" },
        { "wrong list element", """ "devices": [{ "id": "r", "type": "rfid", "llrp": { "host": "h", "antennas": ["one"] } }] """, "devices[0].llrp.antennas[0]: must be a whole number (32-bit)" },
    };

    [Theory]
    [MemberData(nameof(Wrong))]
    public void A_wrong_file_is_refused_with_the_exact_path_of_the_error(string what, string section, string expected)
    {
        var result = Load($$"""{ "gateway": { "id": "ward-3a" }, {{section}} }""");

        Assert.False(result.IsValid, what);
        Assert.Contains(result.Errors, e => e.ToString().StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Every_error_in_a_file_is_listed_not_just_the_first()
    {
        var result = Load("""
            { "gateway": { "id": "" },
              "metrics": { "port": 70000 },
              "devices": [ { "id": "a", "type": "mattress", "mattress": { "port": "" } }, { "id": "b", "type": "callButton", "gpio": { "line": 5, "cancelLine": 5 } } ] }
            """);

        Assert.Equal(
            ["devices[0].mattress.port", "devices[1].gpio.cancelLine", "gateway.id", "metrics.port"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_file_that_is_not_json_names_the_line()
    {
        var result = Load("{\n  \"gateway\": { \"id\": \"ward-3a\" }\n  \"devices\": []\n}");

        Assert.StartsWith("not valid JSON (line 3", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_complete_example_shipped_in_deploy_is_valid()
    {
        var result = GatewayConfigLoader.Load(RepositoryFiles.Path("deploy/edgegw.example.json"));

        Assert.Empty(result.Errors);
        Assert.Equal([DeviceType.Mattress, DeviceType.CallButton, DeviceType.Rfid], result.Options!.Devices.Select(d => d.Type));
    }

    [Fact]
    public void A_missing_file_is_a_clear_error()
    {
        var result = GatewayConfigLoader.Load(_dir.File("nope.json"));

        Assert.StartsWith("cannot read", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_names_of_one_serial_adapter_are_one_port_a_bed_may_not_share_it_and_rtu_transmitters_share_its_line()
    {
        var node = _dir.File("ttyUSB0");
        File.WriteAllText(node, "");
        var byId = _dir.File("usb-FTDI_FT232R_A10K3XYZ-if00-port0");
        File.CreateSymbolicLink(byId, node);
        const string Point = """ "points": [{ "name": "pressure", "function": 3, "address": 0, "type": "float32", "unit": "kPa" }] """;

        var beds = Load($$"""
            { "gateway": { "id": "ward-3a" }, "devices": [
              { "id": "bed-1", "type": "mattress", "mattress": { "port": "{{node}}" } },
              { "id": "bed-2", "type": "mattress", "mattress": { "port": "{{byId}}" } } ] }
            """);
        var transmitters = Load($$"""
            { "gateway": { "id": "ward-3a" }, "devices": [
              { "id": "pipe-up", "type": "pressure", "modbus": { "rtu": { "port": "{{node}}" }, "unitId": 1, {{Point}} } },
              { "id": "pipe-down", "type": "pressure", "modbus": { "rtu": { "port": "{{byId}}" }, "unitId": 1, {{Point}} } } ] }
            """);

        var error = Assert.Single(beds.Errors);
        Assert.Equal("devices[1].mattress.port", error.Path);
        Assert.Equal($"\"{byId}\" is {node}, already used by devices[0] as \"{node}\"", error.Message);
        Assert.Equal(("devices[1].modbus.unitId", $"unit id 1 is already used by 'pipe-up' on rtu:{node}"), (Assert.Single(transmitters.Errors).Path, transmitters.Errors[0].Message));
    }

    private ConfigLoadResult Load(string json)
    {
        var path = _dir.File("edgegw.json");
        File.WriteAllText(path, json);
        return GatewayConfigLoader.Load(path);
    }
}
