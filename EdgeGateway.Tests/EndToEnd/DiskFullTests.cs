using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using EdgeGateway.Outbox;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.EndToEnd;

/// <summary>
/// The built daemon's data disk fills up while readings flow (design.md §6, docs/operations.md §3 "Disk full"):
/// one clear log line, the outbox unavailable with its reason, readings dropped and counted, alarms still raised
/// locally and kept for the outbox, and appends resume by themselves once space returns.
/// </summary>
/// <remarks>
/// The data dir is an 8 MiB tmpfs (the daemon's files take under 100 KiB at start, so a ballast file written until
/// ENOSPC fills it at once); the transmitter is polled every 10 ms, about 100 readings a second.
/// </remarks>
public sealed partial class DiskFullTests : IDisposable
{
    private const string Button = "ward/test/call-1";
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_full_data_disk_is_reported_once_costs_only_counted_readings_keeps_the_alarm_and_appends_resume_when_space_returns()
    {
        using var mount = DeviceFaultTmpfs.Mount(_dir.File("data"), 8L * 1024 * 1024);
        await using var transmitter = DeviceFaultTransmitter.Start();
        await using var daemon = await DeviceFaultDaemon.StartAsync(_dir, $$"""
            {{DeviceFaultConfig.UnreachableCloud()}},
            "devices": [ {{DeviceFaultConfig.PressureTransmitter("pipe-1", transmitter.Port, pollIntervalMs: 10)}}, {{DeviceFaultConfig.CallButton("call-1", Button)}} ]
            """);
        await using var local = await MqttProbe.SubscribeAsync(daemon.BrokerPort, "edgegw/ward-test/alarms/#", _ct);
        await using var button = await CallButtonPublisher.ConnectAsync(daemon.BrokerPort, _ct);
        await daemon.WaitUntilAsync(async () => (await daemon.RequestAsync("outbox")).GetProperty("depth").GetInt64() >= 100, "readings stored");

        mount.FillWithBallast();

        Assert.True(mount.FreeBytes < 64 * 1024, $"{mount.FreeBytes} bytes still free");
        var full = await daemon.Process.WaitForLineAsync(line => line.Contains("OutboxStore[1102]", StringComparison.Ordinal), DeviceFaultDaemon.Wait);
        Assert.Contains("is full (SQLITE_FULL)", full, StringComparison.Ordinal);
        await button.PublishAsync(Button, "pressed", _ct);
        var raised = await local.NextAsync((_, payload) => payload.Contains("\"type\":\"call\"", StringComparison.Ordinal), DeviceFaultDaemon.Wait, _ct);
        Assert.Contains("\"state\":\"raised\"", raised.Payload, StringComparison.Ordinal);

        // Several commits fail while the disk stays full (one every 5 s once an alarm waits): the log says it once.
        await daemon.WaitUntilAsync(async () => DeviceFaultDaemon.Sample(await daemon.MetricsAsync(), "edgegw_outbox_write_errors_total", "reason=\"disk_full\"") >= 3, "three failed commits");
        Assert.Single(daemon.Process.Output, line => line.Contains("OutboxStore[1102]", StringComparison.Ordinal));
        var outbox = await daemon.CliJsonAsync("outbox");
        Assert.False(outbox.GetProperty("available").GetBoolean());
        Assert.Contains("SQLITE_FULL", outbox.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.True(outbox.GetProperty("dropped").GetProperty("dropped.disk_full.reading").GetInt64() > 0);
        Assert.False(outbox.GetProperty("dropped").TryGetProperty("dropped.disk_full.alarm", out _), "no alarm dropped");
        var metrics = await daemon.MetricsAsync();
        Assert.Equal(0, DeviceFaultDaemon.Sample(metrics, "edgegw_outbox_available"));
        Assert.True(DeviceFaultDaemon.Sample(metrics, "edgegw_outbox_dropped_total", "kind=\"reading\"", "reason=\"disk_full\"") > 0);
        Assert.Equal(0, DeviceFaultDaemon.Sample(metrics, "edgegw_outbox_dropped_total", "kind=\"alarm\""));

        mount.RemoveBallast();

        var room = await daemon.Process.WaitForLineAsync(line => line.Contains("OutboxStore[1960]", StringComparison.Ordinal), DeviceFaultDaemon.Wait);
        var droppedWhileFull = long.Parse(DroppedReadings().Match(room).Groups[1].Value, CultureInfo.InvariantCulture);
        var recovered = await daemon.CliJsonAsync("outbox");
        Assert.True(recovered.GetProperty("available").GetBoolean());
        Assert.Equal(1, recovered.GetProperty("alarmDepth").GetInt64());
        Assert.Equal(droppedWhileFull, recovered.GetProperty("dropped").GetProperty("dropped.disk_full.reading").GetInt64());
        var depth = recovered.GetProperty("depth").GetInt64();
        await daemon.WaitUntilAsync(async () => (await daemon.RequestAsync("outbox")).GetProperty("depth").GetInt64() >= depth + 50, "appends resumed");

        // Every reading taken in is either stored or counted as dropped: stop the readings, then flush on SIGTERM.
        transmitter.Answer(false);
        await daemon.WaitForStateAsync("pipe-1", "offline");
        var taken = (await daemon.RequestAsync("devices")).EnumerateArray().Sum(d => d.GetProperty("frames").GetInt64());
        var dropped = (await daemon.RequestAsync("outbox")).GetProperty("dropped");
        daemon.Process.Signal("TERM");
        Assert.Equal(0, await daemon.Process.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        await using var stored = await OutboxFixture.OpenAsync(OutboxFixture.Settings(mount.Path));
        var messages = await stored.ReadAsync(0, 1_000_000, _ct);
        var alarm = Assert.Single(messages, m => m.Kind == MessageKind.Alarm);
        Assert.Contains("\"state\":\"raised\"", Encoding.UTF8.GetString(alarm.Payload), StringComparison.Ordinal);
        Assert.Equal(droppedWhileFull, dropped.GetProperty("dropped.disk_full.reading").GetInt64());
        Assert.Equal(taken, messages.Count(m => m.Kind == MessageKind.Reading) + droppedWhileFull);
    }

    [GeneratedRegex(@"; (\d+) readings were dropped while it was full")]
    private static partial Regex DroppedReadings();
}
