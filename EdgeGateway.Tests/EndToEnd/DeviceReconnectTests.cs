using System.Diagnostics;
using System.Text.Json;
using EdgeGateway.Drivers.Epc;
using EdgeGateway.Drivers.Llrp.Emulation;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.EndToEnd;

/// <summary>
/// Devices lost and found again under the built daemon (design.md §5 device silent, §6 "a vanished serial port or a
/// reader that drops the connection"): the driver logs the failure and its reconnect attempts and counts them, the
/// device goes offline, device_silent is raised on the local broker once the device's silence timeout has passed
/// (retained while active), and when data flows again the device is online and the alarm cleared (an empty
/// retained message removes it). In one class so the three daemons do not compete for the CPU with each other.
/// </summary>
public sealed class DeviceReconnectTests : IDisposable
{
    private const int SilenceTimeoutSeconds = 2;
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_serial_adapter_unplugged_and_plugged_back_goes_offline_raises_device_silent_then_reconnects_and_clears_it()
    {
        using var bed = new MattressSimulator(_dir.File("bed.tty"), TimeProvider.System, seed: 3);
        using var frames = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        var sending = bed.RunAsync(frames.Token);
        await using var daemon = await DeviceFaultDaemon.StartAsync(_dir, $$"""
            "devices": [{ "id": "bed-1", "type": "mattress", "silenceTimeoutSeconds": {{SilenceTimeoutSeconds}},
                          "mattress": { "port": "{{bed.PortPath}}", "reconnectInitialDelayMs": 100, "reconnectMaxDelayMs": 200 } }]
            """);

        await SilenceIsRaisedThenClearedAsync(daemon, "bed-1",
            unplug: () =>
            {
                bed.Condition = MattressCondition.Unplugged;
                return Task.CompletedTask;
            },
            failure: "Mattress bed-1: port " + bed.PortPath + " failed",
            reconnecting: "Mattress bed-1: reopening port",
            plugBack: () =>
            {
                bed.Condition = MattressCondition.InBedNormal;
                return Task.CompletedTask;
            });

        await frames.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sending);
    }

    [Fact]
    public async Task A_reader_that_drops_its_connection_goes_offline_raises_device_silent_then_reconnects_and_clears_it()
    {
        var options = new LlrpReaderEmulatorOptions { ReportPeriodMs = 200 };
        var reader = StartReader(options, port: 0);
        var port = reader.Port;
        try
        {
            await using var daemon = await DeviceFaultDaemon.StartAsync(_dir, $$"""
                "devices": [{ "id": "reader-1", "type": "rfid", "silenceTimeoutSeconds": {{SilenceTimeoutSeconds}},
                              "llrp": { "host": "127.0.0.1", "port": {{port}}, "keepaliveIntervalMs": 1000, "reconnectMinDelayMs": 100, "reconnectMaxDelayMs": 300 } }]
                """);

            await SilenceIsRaisedThenClearedAsync(daemon, "reader-1",
                unplug: () => reader.DisposeAsync().AsTask(),
                failure: "LLRP reader-1: connection lost",
                reconnecting: "LLRP reader-1: reconnect attempt",
                plugBack: () =>
                {
                    reader = StartReader(options, port);
                    return Task.CompletedTask;
                });
        }
        finally
        {
            await reader.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_transmitter_that_stops_answering_and_loses_its_gateway_goes_offline_raises_device_silent_then_reconnects_and_clears_it()
    {
        await using var transmitter = DeviceFaultTransmitter.Start();
        await using var daemon = await DeviceFaultDaemon.StartAsync(_dir, $$"""
            "devices": [ {{DeviceFaultConfig.PressureTransmitter("pipe-1", transmitter.Port, pollIntervalMs: 100, SilenceTimeoutSeconds)}} ]
            """);

        await SilenceIsRaisedThenClearedAsync(daemon, "pipe-1",
            unplug: async () =>
            {
                // First it stops answering (polls time out, the device goes offline), then its TCP gateway goes away too.
                transmitter.Answer(false);
                await daemon.Process.WaitForLineAsync(line => line.Contains("Modbus device pipe-1 (unit 1) offline", StringComparison.Ordinal), DeviceFaultDaemon.Wait);
                await transmitter.StopAsync();
            },
            failure: "Modbus line tcp:127.0.0.1:" + transmitter.Port + " lost",
            reconnecting: "Modbus line tcp:127.0.0.1:" + transmitter.Port + " could not connect",
            plugBack: () =>
            {
                transmitter.Answer(true);
                transmitter.Restart();
                return Task.CompletedTask;
            });
        var timeouts = DeviceFaultDaemon.Sample(await daemon.MetricsAsync(), "edgegw_driver_bad_frames_total", "device=\"pipe-1\"", "reason=\"timeout\"");
        Assert.True(timeouts >= 3, $"{timeouts} polls counted as timed out");
    }

    private static LlrpReaderEmulator StartReader(LlrpReaderEmulatorOptions options, int port)
    {
        var reader = new LlrpReaderEmulator(options, TimeProvider.System);
        reader.Start(port);
        reader.AddTag(1, Sgtin96Encoder.Encode("80614141123458", 7, 6789));
        return reader;
    }

    /// <summary>
    /// The whole cycle for one device, asserted through the admin socket, the CLI, /metrics, the log and the local broker.
    /// </summary>
    private async Task SilenceIsRaisedThenClearedAsync(DeviceFaultDaemon daemon, string deviceId, Func<Task> unplug, string failure, string reconnecting, Func<Task> plugBack)
    {
        var alarms = $"edgegw/ward-test/alarms/device_silent.{deviceId}.";
        await using var local = await MqttProbe.SubscribeAsync(daemon.BrokerPort, "edgegw/ward-test/alarms/#", _ct);
        await daemon.WaitUntilAsync(async () => (await daemon.DeviceAsync(deviceId)).GetProperty("frames").GetInt64() >= 2, $"{deviceId} sending");
        Assert.Equal("online", Device(await daemon.CliJsonAsync("devices"), deviceId).GetProperty("state").GetString());

        var lost = Stopwatch.StartNew();
        await unplug();

        await daemon.Process.WaitForLineAsync(line => line.Contains(failure, StringComparison.Ordinal), DeviceFaultDaemon.Wait);
        await daemon.Process.WaitForLineAsync(line => line.Contains(reconnecting, StringComparison.Ordinal), DeviceFaultDaemon.Wait);
        var raised = await local.NextAsync((topic, payload) => topic.StartsWith(alarms, StringComparison.Ordinal) && payload.Contains("\"state\":\"raised\"", StringComparison.Ordinal), DeviceFaultDaemon.Wait, _ct);
        var silentFor = lost.Elapsed;
        var offline = Device(await daemon.CliJsonAsync("devices"), deviceId);
        // Between two reconnect attempts it is offline, during one it is connecting: never online.
        Assert.NotEqual("online", offline.GetProperty("state").GetString());
        Assert.False(string.IsNullOrEmpty(offline.GetProperty("detail").GetString()), "offline says why");
        using (var alarm = JsonDocument.Parse(raised.Payload))
        {
            var values = alarm.RootElement.GetProperty("values");
            Assert.Equal(SilenceTimeoutSeconds, values.GetProperty("timeoutSeconds").GetDouble());
            Assert.True(values.GetProperty("silentSeconds").GetDouble() > SilenceTimeoutSeconds);
        }

        // Raised once the device had been silent for its timeout, not at the first failure (its last data came at most one report period before).
        Assert.True(silentFor > TimeSpan.FromSeconds(SilenceTimeoutSeconds - 1), $"raised {silentFor} after the loss");
        await using (var display = await MqttProbe.SubscribeAsync(daemon.BrokerPort, raised.Topic, _ct))
        {
            var retained = await display.NextAsync((_, _) => true, DeviceFaultDaemon.Wait, _ct);
            Assert.True(retained.Retained, "a display that connects later still sees the active alarm");
        }

        var reconnects = DeviceFaultDaemon.Sample(await daemon.MetricsAsync(), "edgegw_driver_reconnects_total", $"device=\"{deviceId}\"");
        Assert.True(reconnects >= 1, $"{reconnects} reconnects counted");

        await plugBack();

        var cleared = await local.NextAsync((topic, payload) => topic == raised.Topic && payload.Contains("\"state\":\"cleared\"", StringComparison.Ordinal), DeviceFaultDaemon.Wait, _ct);
        var removed = await local.NextAsync((topic, _) => topic == raised.Topic, DeviceFaultDaemon.Wait, _ct);
        Assert.False(cleared.Retained);
        Assert.Empty(removed.Payload);
        await daemon.WaitForStateAsync(deviceId, "online");
        Assert.Equal("online", Device(await daemon.CliJsonAsync("devices"), deviceId).GetProperty("state").GetString());
        Assert.Empty((await daemon.RequestAsync("alarms")).EnumerateArray());
    }

    private static JsonElement Device(JsonElement devices, string deviceId) =>
        devices.EnumerateArray().Single(d => d.GetProperty("id").GetString() == deviceId);
}
