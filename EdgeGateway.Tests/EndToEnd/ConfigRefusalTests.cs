using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.EndToEnd;

/// <summary>
/// Wrong configuration files as technicians write them (docs/configuration.md): each is refused by
/// <c>edgegw config validate</c> and by <c>edgegw run</c> alike, with exit code 2, before anything is opened, and
/// with the exact line <c>path: message</c> that says what to fix.
/// </summary>
public sealed class ConfigRefusalTests : IDisposable
{
    private const string Points = """ "points": [{ "name": "pressure", "function": 3, "address": 0, "type": "float32", "unit": "kPa" }] """;
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    /// <summary>What is wrong, the file (<c>{dir}</c> is the test's directory), and the error line expected.</summary>
    public static TheoryData<string, string, string> WrongFiles() => new()
    {
        {
            "JSON syntax error (a missing comma)",
            """
            {
              "gateway": { "id": "ward-3a", "dataDir": "{dir}/data" }
              "admin": { "socketPath": "{dir}/admin.sock" }
            }
            """,
            "not valid JSON (line 3, byte 3): '\"' is invalid after a value. Expected either ',', '}', or ']'"
        },
        { "unknown key with a did-you-mean", Ward(""" "outbox": { "quotaByte": 1048576 } """), "outbox.quotaByte: unknown key (did you mean \"quotaBytes\"?)" },
        { "duplicate key", Ward(""" "outbox": { "maxBatch": 10, "maxBatch": 20 } """), "outbox.maxBatch: duplicate key" },
        { "wrong type", Ward(""" "outbox": { "maxBatch": "many" } """), "outbox.maxBatch: must be a whole number (32-bit)" },
        { "bad enum", Ward(""" "devices": [{ "id": "bed-12", "type": "mattress", "mattress": { "port": "/dev/ttyUSB0", "parity": "evn" } }] """), "devices[0].mattress.parity: must be one of: none, odd, even, mark, space" },
        {
            "missing required gateway id",
            """{ "gateway": { "site": "St. Example", "dataDir": "{dir}/data" }, "admin": { "socketPath": "{dir}/admin.sock" } }""",
            "gateway.id: is required"
        },
        {
            "duplicate device ids",
            Ward(""" "devices": [{ "id": "bed-12", "type": "mattress", "mattress": { "port": "/dev/ttyUSB0" } }, { "id": "bed-12", "type": "mattress", "mattress": { "port": "/dev/ttyUSB1" } }] """),
            "devices[1].id: \"bed-12\" is already used by devices[0]"
        },
        {
            "Modbus unit id out of range",
            Ward($$""" "devices": [{ "id": "bed-12", "type": "mattress", "mattress": { "port": "/dev/ttyUSB0" } }, { "id": "main-up", "type": "pressure", "modbus": { "tcp": "10.0.0.9:502", "unitId": 300, {{Points}} } }] """),
            "devices[1].modbus.unitId: must be 1..247"
        },
        { "reading TTL out of range", Ward(""" "outbox": { "readingTtlSeconds": 5 } """), "outbox.readingTtlSeconds: must be 60..31536000 (1 min..1 year)" },
        {
            "a pipe naming an unknown device",
            Ward($$""" "alarms": { "pipeBurst": { "pipes": [{ "id": "main-A", "upstreamDeviceId": "main-up", "downstreamDeviceId": "main-down", "lengthM": 800 }] } }, "devices": [{ "id": "main-up", "type": "pressure", "modbus": { "tcp": "10.0.0.9:502", {{Points}} } }] """),
            "alarms.pipeBurst.pipes[0].downstreamDeviceId: no device \"main-down\""
        },
        {
            "a threshold rule on a point the device does not have",
            Ward($$""" "alarms": { "thresholds": [{ "name": "boiler-hot", "deviceId": "main-up", "field": "temperatureDegC", "highLimit": 80 }] }, "devices": [{ "id": "main-up", "type": "pressure", "modbus": { "tcp": "10.0.0.9:502", {{Points}} } }] """),
            "alarms.thresholds[0].field: \"main-up\" has no field \"temperatureDegC\" (it has: pressureKpa)"
        },
        { "a CA file for a cloud without TLS", Ward(""" "cloud": { "kind": "mqtt", "mqtt": { "host": "mqtt.example.org", "tls": false, "caFile": "/etc/edgegw/credentials/ca.pem" } } """), "cloud.mqtt.caFile: is set but tls is false" },
        { "a cloud password file without a user name", Ward(""" "cloud": { "kind": "mqtt", "mqtt": { "host": "mqtt.example.org", "passwordFile": "/run/credentials/edgegw.service/cloud_mqtt-password" } } """), "cloud.mqtt.username: a password needs a username" },
        { "a password written inline", Ward(""" "cloud": { "kind": "mqtt", "mqtt": { "host": "mqtt.example.org", "username": "ward", "password": "hunter2" } } """), "cloud.mqtt.password: unknown key (did you mean \"passwordFile\"?)" },
        { "an IoT Hub without a way to authenticate", Ward(""" "cloud": { "kind": "iotHub", "iotHub": { "hostName": "ward-hub.azure-devices.net", "deviceId": "ward-3a" } } """), "cloud.iotHub.sharedAccessKeyFile: set exactly one of sharedAccessKeyFile, connectionStringFile or clientCertificateFile" },
        {
            "a relative admin socket path",
            """{ "gateway": { "id": "ward-3a", "dataDir": "{dir}/data" }, "admin": { "socketPath": "admin.sock" } }""",
            "admin.socketPath: must be an absolute path"
        },
        {
            "an admin socket path longer than a Unix socket allows",
            """{ "gateway": { "id": "ward-3a", "dataDir": "{dir}/data" }, "admin": { "socketPath": "/run/edgegw/ward-3a-gateway-administration-socket-for-the-technicians-and-the-edgegw-command-line-tools.sock" } }""",
            "admin.socketPath: must be at most 107 bytes long (the limit of a Unix socket path), not 108"
        },
        {
            "an admin socket path naming a directory",
            """{ "gateway": { "id": "ward-3a", "dataDir": "{dir}/data" }, "admin": { "socketPath": "{dir}/" } }""",
            "admin.socketPath: must name the socket file, not a directory"
        },
        {
            "two bed sensors on one serial port",
            Ward(""" "devices": [{ "id": "bed-12", "type": "mattress", "mattress": { "port": "/dev/ttyUSB0" } }, { "id": "bed-14", "type": "mattress", "mattress": { "port": "/dev/ttyUSB0" } }] """),
            "devices[1].mattress.port: \"/dev/ttyUSB0\" is already used by devices[0]"
        },
        {
            "a transmitter's RS-485 line on a bed sensor's port",
            Ward($$""" "devices": [{ "id": "bed-12", "type": "mattress", "mattress": { "port": "/dev/ttyUSB0" } }, { "id": "p1", "type": "pressure", "modbus": { "rtu": { "port": "/dev/ttyUSB0" }, {{Points}} } }] """),
            "devices[1].modbus.rtu.port: \"/dev/ttyUSB0\" is already used by devices[0]"
        },
        { "an MQTT button without a topic", Ward(""" "devices": [{ "id": "call-12", "type": "callButton", "mqtt": {} }] """), "devices[0].mqtt.topic: is required" },
        { "an MQTT button on a wildcard", Ward(""" "devices": [{ "id": "call-12", "type": "callButton", "mqtt": { "topic": "ward/3A/+/call" } }] """), "devices[0].mqtt.topic: must be one exact topic, without the wildcards '+' or '#'" },
        {
            "two transmitters with one unit id on one RS-485 line",
            Ward($$""" "devices": [{ "id": "p1", "type": "pressure", "modbus": { "rtu": { "port": "/dev/ttyUSB1" }, "unitId": 1, {{Points}} } }, { "id": "p2", "type": "pressure", "modbus": { "rtu": { "port": "/dev/ttyUSB1" }, "unitId": 1, {{Points}} } }] """),
            "devices[1].modbus.unitId: unit id 1 is already used by 'p1' on rtu:/dev/ttyUSB1"
        },
        {
            "a stock location on an antenna the reader does not use",
            Ward(""" "devices": [{ "id": "store-3A", "type": "rfid", "llrp": { "host": "10.0.0.5", "antennas": [1, 2] }, "stock": { "locations": [{ "name": "store room 3A", "antennas": [3] }] } }] """),
            "devices[0].stock.locations[0].antennas: antenna 3 is not in llrp.antennas [1, 2]"
        },
        { "escalation times out of order", Ward(""" "alarms": { "callEscalation": { "escalationSeconds": [300, 120] } } """), "alarms.callEscalation.escalationSeconds[1]: must be later than the one before" },
        {
            "a host name where an address is needed",
            """{ "gateway": { "id": "ward-3a", "dataDir": "{dir}/data" }, "admin": { "socketPath": "{dir}/admin.sock" }, "localBroker": { "bindAddress": "localhost" } }""",
            "localBroker.bindAddress: must be an IP address"
        },
    };

    [Theory]
    [MemberData(nameof(WrongFiles))]
    public async Task A_wrong_file_is_refused_by_validate_and_by_run_with_exit_code_2_and_the_exact_path_before_anything_is_opened(string what, string file, string error)
    {
        var config = _dir.File("edgegw.json");
        await File.WriteAllTextAsync(config, file.Replace("{dir}", _dir.Path, StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var results = await Task.WhenAll(EdgegwProcess.RunAsync(null, "config", "validate", config), EdgegwProcess.RunAsync(null, "run", "--config", config));

        foreach (var (exitCode, output) in results)
        {
            Assert.True(exitCode == 2, $"{what}: exit code {exitCode}\n{output}");
            var lines = output.Split('\n');
            Assert.StartsWith($"{config}: ", lines[0], StringComparison.Ordinal);
            Assert.Contains("  " + error, lines);
        }

        Assert.DoesNotContain("ready in", results[1].Output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.File("data")), "nothing was opened");
    }

    /// <summary>
    /// Secret files are read when the forwarder connects, not at validation: under systemd they are the copies in
    /// /run/credentials/edgegw.service/, which a technician's <c>config validate</c> cannot see (docs/operations.md,
    /// "Secrets"). So a secret file others can read is not a config error; it is flagged by <c>config show</c> and
    /// named with what to do by the running daemon, whose local alarms do not wait for the cloud.
    /// </summary>
    [Fact]
    public async Task A_secret_file_others_can_read_passes_validate_is_flagged_by_config_show_and_named_by_run_with_the_fix()
    {
        var password = _dir.File("mqtt-password");
        await File.WriteAllTextAsync(password, "not-for-others\n", TestContext.Current.CancellationToken);
        File.SetUnixFileMode(password, (UnixFileMode)0b110_100_100);
        var config = _dir.File("edgegw.json");
        await File.WriteAllTextAsync(config, Ward($$""" "cloud": { "kind": "mqtt", "mqtt": { "host": "127.0.0.1", "port": 1, "tls": false, "username": "ward", "passwordFile": "{{password}}" } } """)
            .Replace("{dir}", _dir.Path, StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var validate = await EdgegwProcess.RunAsync(null, "config", "validate", config);
        var show = await EdgegwProcess.RunAsync(null, "config", "show", config);
        await using var daemon = EdgegwProcess.Start("run", "--config", config);
        var refused = await daemon.WaitForLineAsync(line => line.Contains("[1401]", StringComparison.Ordinal), DeviceFaultDaemon.Wait);
        daemon.Signal("TERM");

        Assert.Equal((0, $"{config}: valid (0 devices)"), (validate.ExitCode, validate.Output.Trim()));
        Assert.Equal(0, show.ExitCode);
        Assert.Contains($"secret cloud.mqtt.passwordFile: {password} (mode 0644: TOO OPEN, others can read it; contents not shown)", show.Output, StringComparison.Ordinal);
        Assert.Contains($"secret file {password} is readable by others (mode 0644): chmod 600 it, or use systemd LoadCredential", refused, StringComparison.Ordinal);
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10)));
    }

    /// <summary>A file of a ward gateway whose own sections are right (state and sockets in the test's directory), plus <paramref name="sections"/>.</summary>
    private static string Ward(string sections) =>
        $$"""
        {
          "gateway": { "id": "ward-3a", "dataDir": "{dir}/data" },
          "admin": { "socketPath": "{dir}/admin.sock" },
          "metrics": { "port": 0 },
          "localBroker": { "port": 0 },
          {{sections}}
        }
        """;
}
