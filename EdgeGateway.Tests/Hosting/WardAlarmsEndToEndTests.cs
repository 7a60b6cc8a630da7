using System.Net;
using System.Text.Json;
using EdgeGateway.Admin;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Drivers.Modbus.Simulation;
using EdgeGateway.Hosting;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Hosting;

/// <summary>
/// The built daemon as a process, with a bed sensor on a pty and two pressure transmitters on Modbus TCP, its
/// cloud unreachable: a patient leaves the bed and the main bursts; both alarms appear on the local broker.
/// </summary>
public sealed class WardAlarmsEndToEndTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Bed_exit_and_a_located_pipe_burst_are_announced_locally_while_the_cloud_is_unreachable()
    {
        using var bed = new MattressSimulator(_dir.File("bed.tty"), TimeProvider.System, seed: 11);
        using var running = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        var upstream = new ModbusSlave();
        var downstream = new ModbusSlave();
        var pipe = new PipePressureSimulator(new PipePressureOptions { NoiseKpa = 0 }, upstream.AddUnit(1), downstream.AddUnit(1), TimeProvider.System, new Random(5));
        pipe.Update();
        await using var upstreamServer = ModbusTcpSlaveSimulator.Start(upstream);
        await using var downstreamServer = ModbusTcpSlaveSimulator.Start(downstream);
        var simulation = Task.WhenAll(bed.RunAsync(running.Token), pipe.RunAsync(TimeSpan.FromMilliseconds(5), running.Token));
        var brokerPort = LoopbackPorts.Free(IPAddress.Loopback);
        var deadCloudPort = LoopbackPorts.Free(IPAddress.Loopback);
        var config = DaemonConfigFile.Write(_dir, $$"""
            "cloud": { "kind": "mqtt", "mqtt": { "host": "127.0.0.1", "port": {{deadCloudPort}}, "tls": false } },
            "alarms": {
              "bedSettlingSeconds": 0,
              "bedExit": { "delaySeconds": 2 },
              "pipeBurst": { "pipes": [{ "id": "main-A", "upstreamDeviceId": "up", "downstreamDeviceId": "down", "lengthM": 1000, "waveSpeedMps": 1200, "samplingIntervalMs": 20 }] }
            },
            "devices": [
              { "id": "bed-1", "type": "mattress", "mattress": { "port": "{{bed.PortPath}}" } },
              { "id": "up", "type": "pressure", "modbus": { "tcp": "127.0.0.1:{{upstreamServer.Port}}", "pollIntervalMs": 20, "timeoutMs": 200, "points": [{ "name": "pressure", "function": 3, "address": 0, "type": "float32", "unit": "kPa" }] } },
              { "id": "down", "type": "pressure", "modbus": { "tcp": "127.0.0.1:{{downstreamServer.Port}}", "pollIntervalMs": 20, "timeoutMs": 200, "points": [{ "name": "pressure", "function": 3, "address": 0, "type": "float32", "unit": "kPa" }] } }
            ]
            """, brokerPort);
        await using var daemon = EdgegwProcess.Start("run", "--config", config);
        await daemon.WaitForLineAsync(line => line.Contains("ready in", StringComparison.Ordinal), Wait);
        await daemon.WaitForLineAsync(line => line.Contains("Cannot connect to the cloud", StringComparison.Ordinal), Wait);
        await using var local = await MqttProbe.SubscribeAsync(brokerPort, "edgegw/ward-test/alarms/#", _ct);

        // The patient is seen in bed first (the rule watches a bed from when it is occupied), then gets up.
        while ((await AdminClient.RequestAsync(_dir.File("admin.sock"), new AdminRequest("devices"), _ct)).EnumerateArray().Single(d => d.GetProperty("id").GetString() == "bed-1").GetProperty("frames").GetInt64() < 2)
        {
            await Task.Delay(50, _ct);
        }

        bed.Condition = MattressCondition.OutOfBed;
        var bedExit = await local.NextAsync((_, payload) => payload.Contains("\"type\":\"bed_exit\"", StringComparison.Ordinal), Wait, _ct);
        pipe.TriggerBurst(700, dropKpa: 100);
        var burst = await local.NextAsync((_, payload) => payload.Contains("\"type\":\"pipe_burst\"", StringComparison.Ordinal), Wait, _ct);

        Assert.Contains("\"state\":\"raised\"", bedExit.Payload, StringComparison.Ordinal);
        using var located = JsonDocument.Parse(burst.Payload);
        var values = located.RootElement.GetProperty("values");
        Assert.Equal("main-A", located.RootElement.GetProperty("subject").GetString());
        Assert.InRange(values.GetProperty("positionM").GetDouble(), 700 - values.GetProperty("uncertaintyM").GetDouble() - 1, 700 + values.GetProperty("uncertaintyM").GetDouble() + 1);
        await running.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => simulation);
    }
}
