using System.CommandLine;
using System.Globalization;
using System.Net;
using EdgeGateway.Cli;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Hosting;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.EndToEnd;

/// <summary>
/// Issue 8, security: the daemon runs with known secrets in its secret files, and every command of the CLI is
/// run against it; no secret may appear in a log line, in any command's output or on the metrics endpoint.
/// The list of commands is checked against the CLI's own command tree, so a new command cannot be left out.
/// </summary>
public sealed class SecretExposureTests : IDisposable
{
    private const string CloudPassword = "Kn0wn-cloud-s3cret-7f3a";
    private const string ButtonBrokerPassword = "Kn0wn-button-s3cret-91c2";
    private const string HubKey = "S25vd24taHViLWtleS1zM2NyZXQtNDRkMQ==";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task No_secret_appears_in_the_daemons_log_in_the_output_of_any_cli_command_or_on_the_metrics_endpoint()
    {
        using var bed = new MattressSimulator(_dir.File("bed.tty"), TimeProvider.System, seed: 3);
        using var idlePort = Drivers.Serial.PseudoTerminal.Open();
        var socket = _dir.File("admin.sock");
        var brokerPort = LoopbackPorts.Free(IPAddress.Loopback);
        var metricsPort = LoopbackPorts.Free(IPAddress.Loopback);
        var config = WriteConfig("mqtt.json", brokerPort, metricsPort, $$"""
            "cloud": { "kind": "mqtt", "mqtt": { "host": "127.0.0.1", "port": 1, "tls": false, "username": "ward", "passwordFile": "{{Secret("cloud-password", CloudPassword)}}" } },
            "devices": [
              { "id": "bed-1", "type": "mattress", "mattress": { "port": "{{bed.PortPath}}" } },
              { "id": "call-1", "type": "callButton", "mqtt": { "topic": "ward/call-1" } },
              { "id": "call-2", "type": "callButton", "mqtt": { "topic": "ward/call-2",
                "broker": { "host": "127.0.0.1", "port": 1, "tls": false, "username": "button", "passwordFile": "{{Secret("button-password", ButtonBrokerPassword)}}" } } }
            ]
            """);
        var catalog = _dir.File("catalog.csv");
        await File.WriteAllTextAsync(catalog, "gtin,name,lot,expiry,serials\n80614141123458,Saline 0.9% 500 ml bag,S2401,2031-03-31,\n", _ct);

        await using var daemon = EdgegwProcess.Start("run", "--config", config);
        await daemon.WaitForLineAsync(line => line.Contains("Cannot connect to the cloud", StringComparison.Ordinal), Wait);
        await using (var button = await CallButtonPublisher.ConnectAsync(brokerPort, _ct))
        await using (var alarms = await MqttProbe.SubscribeAsync(brokerPort, "edgegw/ward-test/alarms/#", _ct))
        {
            await button.PublishAsync("ward/call-1", "pressed", _ct);
            await alarms.NextAsync((_, payload) => payload.Contains("\"raised\"", StringComparison.Ordinal), Wait, _ct);
        }

        var alarmId = await FirstAlarmIdAsync(socket);
        var commands = new Dictionary<string, string[][]>
        {
            ["config validate"] = [["config", "validate", config]],
            ["config show"] = [["config", "show", config]],
            ["status"] = [["status", "--socket", socket], ["status", "--json", "--socket", socket]],
            ["devices"] = [["devices", "--socket", socket], ["devices", "--json", "--socket", socket]],
            ["outbox"] = [["outbox", "--socket", socket], ["outbox", "--json", "--socket", socket], ["outbox", "--dead", "--socket", socket]],
            ["alarms"] = [["alarms", "--socket", socket], ["alarms", "--json", "--socket", socket]],
            ["alarms ack"] = [["alarms", "ack", alarmId, "--socket", socket]],
            ["beds arm"] = [["beds", "arm", "bed-1", "--socket", socket]],
            ["beds disarm"] = [["beds", "disarm", "bed-1", "--socket", socket]],
            ["catalog import"] = [["catalog", "import", catalog, "--socket", socket]],
            ["catalog list"] = [["catalog", "list", "--socket", socket], ["catalog", "list", "--json", "--socket", socket]],
            ["stock"] = [["stock", "--socket", socket], ["stock", "--json", "--socket", socket]],
            ["diag serial"] = [["diag", "serial", idlePort.DevicePath, "--seconds", "1"]],
            ["diag modbus"] = [["diag", "modbus", "--tcp", "127.0.0.1:1", "--unit", "1", "--read", "0"]],
            ["diag llrp"] = [["diag", "llrp", "127.0.0.1:1", "--seconds", "1"]],
            ["demo"] = [["demo", "--duration", "2s", "--data-dir", _dir.File("demo")]],
        };
        Assert.Equal(CommandsOf(EdgegwCli.Create()).Order(StringComparer.Ordinal), commands.Keys.Append("run").Order(StringComparer.Ordinal));

        var outputs = new List<string>();
        foreach (var arguments in commands.Values.SelectMany(a => a).Append(["--help"]).Append(["--version"]))
        {
            var (_, output) = await EdgegwProcess.RunAsync(null, arguments);
            outputs.Add($"edgegw {string.Join(' ', arguments)}\n{output}");
        }

        outputs.Add(await WatchAsync(socket));
        using (var http = new HttpClient())
        {
            outputs.Add(await http.GetStringAsync(new Uri($"http://127.0.0.1:{metricsPort}/metrics"), _ct));
        }

        daemon.Signal("TERM");
        Assert.Equal(0, await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        outputs.Add(string.Join('\n', daemon.Output));

        // The commands did their work (so the check is not vacuous): the secret files are named, the alarm was acknowledged.
        Assert.Contains(outputs, o => o.Contains(_dir.File("cloud-password"), StringComparison.Ordinal));
        Assert.Contains(outputs, o => o.Contains($"{alarmId} acknowledged by", StringComparison.Ordinal));
        foreach (var secret in new[] { CloudPassword, ButtonBrokerPassword })
        {
            Assert.All(outputs, o => Assert.DoesNotContain(secret, o, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_iot_hub_device_key_appears_in_no_log_line_and_no_output()
    {
        var socket = _dir.File("admin.sock");
        var config = WriteConfig("hub.json", 0, 0, $$"""
            "cloud": { "kind": "iotHub", "iotHub": { "hostName": "127.0.0.1", "deviceId": "ward-test", "sharedAccessKeyFile": "{{Secret("hub-key", HubKey)}}" } }
            """);
        await using var daemon = EdgegwProcess.Start("run", "--config", config);
        await daemon.WaitForLineAsync(line => line.Contains("Cannot connect to the cloud", StringComparison.Ordinal), Wait);

        var outputs = new List<string>();
        foreach (var arguments in new[] { ["config", "show", config], ["config", "validate", config], ["status", "--json", "--socket", socket], new[] { "outbox", "--socket", socket } })
        {
            var (exitCode, output) = await EdgegwProcess.RunAsync(null, arguments);
            Assert.True(exitCode == 0, $"{string.Join(' ', arguments)} exited {exitCode}: {output}");
            outputs.Add(output);
        }

        daemon.Signal("TERM");
        await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));
        outputs.Add(string.Join('\n', daemon.Output));
        Assert.Contains(outputs, o => o.Contains(_dir.File("hub-key"), StringComparison.Ordinal));
        Assert.All(outputs, o => Assert.DoesNotContain(HubKey, o, StringComparison.Ordinal));
        Assert.All(outputs, o => Assert.DoesNotContain("SharedAccessSignature", o, StringComparison.Ordinal));
    }

    /// <summary>Every command of the tree that does something, by its path ("alarms ack").</summary>
    private static IEnumerable<string> CommandsOf(Command command, string path = "")
    {
        if (path.Length > 0 && command.Action is not null)
        {
            yield return path;
        }

        foreach (var sub in command.Subcommands)
        {
            foreach (var found in CommandsOf(sub, path.Length == 0 ? sub.Name : $"{path} {sub.Name}"))
            {
                yield return found;
            }
        }
    }

    private static async Task<string> FirstAlarmIdAsync(string socket)
    {
        var (exitCode, output) = await EdgegwProcess.RunAsync(null, "alarms", "--json", "--socket", socket);
        Assert.Equal(0, exitCode);
        using var alarms = System.Text.Json.JsonDocument.Parse(output);
        return alarms.RootElement.EnumerateArray().First().GetProperty("alarmId").GetString()!;
    }

    /// <summary><c>edgegw alarms --watch</c> until it has printed the active alarm, then Ctrl-C.</summary>
    private static async Task<string> WatchAsync(string socket)
    {
        await using var watch = EdgegwProcess.Start("alarms", "--watch", "--socket", socket);
        await watch.WaitForLineAsync(line => line.Contains("call-1", StringComparison.Ordinal), Wait);
        watch.Signal("INT");
        await watch.WaitForExitAsync(Wait);
        return string.Join('\n', watch.Output);
    }

    private string Secret(string name, string value)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, value + "\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private string WriteConfig(string name, int brokerPort, int metricsPort, string sections)
    {
        var path = _dir.File(name);
        File.WriteAllText(path, $$"""
            {
              "gateway": { "id": "ward-test", "dataDir": "{{_dir.File("data-" + name)}}" },
              "admin": { "socketPath": "{{_dir.File("admin.sock")}}" },
              "metrics": { "port": {{metricsPort.ToString(CultureInfo.InvariantCulture)}} },
              "localBroker": { "port": {{brokerPort.ToString(CultureInfo.InvariantCulture)}} },
              {{sections}}
            }
            """);
        return path;
    }
}
