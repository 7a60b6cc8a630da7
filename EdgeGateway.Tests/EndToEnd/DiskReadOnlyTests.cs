using System.Text;
using EdgeGateway.Outbox;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.EndToEnd;

/// <summary>
/// The built daemon's data dir becomes read-only while readings flow (design.md §6, docs/operations.md §3): a clear
/// log line, counters, local alarms still raised, and the outbox resumes by itself once the dir is writable again,
/// with what was taken in meanwhile.
/// </summary>
public sealed class DiskReadOnlyTests : IDisposable
{
    private const string Button = "ward/test/call-1";
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task A_data_disk_the_kernel_remounts_read_only_is_reported_once_alarms_go_on_and_after_fsck_nothing_taken_in_is_lost()
    {
        using var disk = DeviceFaultExt4.Mount(_dir.File("disk.img"), _dir.File("data"), sizeMiB: 32);
        await using var transmitter = DeviceFaultTransmitter.Start();
        await using var daemon = await DeviceFaultDaemon.StartAsync(_dir, $$"""
            {{DeviceFaultConfig.UnreachableCloud()}},
            "devices": [ {{DeviceFaultConfig.PressureTransmitter("pipe-1", transmitter.Port, pollIntervalMs: 20)}}, {{DeviceFaultConfig.CallButton("call-1", Button)}} ]
            """);
        await using var local = await MqttProbe.SubscribeAsync(daemon.BrokerPort, "edgegw/ward-test/alarms/#", _ct);
        await using var button = await CallButtonPublisher.ConnectAsync(daemon.BrokerPort, _ct);
        await daemon.WaitUntilAsync(async () => (await daemon.RequestAsync("outbox")).GetProperty("depth").GetInt64() >= 20, "readings stored");

        disk.FailWithIoError();

        Assert.True(disk.IsReadOnly);
        await daemon.Process.WaitForLineAsync(line => line.Contains("OutboxStore[1103]", StringComparison.Ordinal), DeviceFaultDaemon.Wait);
        var closed = await daemon.Process.WaitForLineAsync(line => line.Contains("OutboxStore[1101]", StringComparison.Ordinal), DeviceFaultDaemon.Wait);
        Assert.Contains("readonly database", closed, StringComparison.Ordinal);
        Assert.Contains("Local alarms keep working", closed, StringComparison.Ordinal);
        var outbox = await daemon.CliJsonAsync("outbox");
        Assert.False(outbox.GetProperty("available").GetBoolean());
        Assert.Contains("writable", outbox.GetProperty("problem").GetString(), StringComparison.Ordinal);
        var metrics = await daemon.MetricsAsync();
        Assert.Equal(0, DeviceFaultDaemon.Sample(metrics, "edgegw_outbox_available"));
        Assert.Equal(1, DeviceFaultDaemon.Sample(metrics, "edgegw_outbox_write_errors_total", "reason=\"io\""));
        Assert.True(DeviceFaultDaemon.Sample(metrics, "edgegw_outbox_open_errors_total") >= 1);

        await button.PublishAsync(Button, "pressed", _ct);
        var raised = await local.NextAsync((_, payload) => payload.Contains("\"type\":\"call\"", StringComparison.Ordinal), DeviceFaultDaemon.Wait, _ct);
        Assert.Contains("\"state\":\"raised\"", raised.Payload, StringComparison.Ordinal);

        // Retried every 5 s while the disk stays read-only: one line for the failed write, one for the closed outbox.
        await daemon.WaitUntilAsync(async () => DeviceFaultDaemon.Sample(await daemon.MetricsAsync(), "edgegw_outbox_open_errors_total") >= 2, "a second attempt to reopen");
        Assert.Single(daemon.Process.Output, line => line.Contains("OutboxStore[1103]", StringComparison.Ordinal));
        Assert.Single(daemon.Process.Output, line => line.Contains("OutboxStore[1101]", StringComparison.Ordinal));

        var takenWhileReadOnly = (await daemon.DeviceAsync("pipe-1")).GetProperty("frames").GetInt64();
        disk.Repair();

        await daemon.Process.WaitForLineAsync(line => line.Contains("OutboxStore[1100]", StringComparison.Ordinal), DeviceFaultDaemon.Wait);
        await daemon.WaitUntilAsync(async () => (await daemon.RequestAsync("outbox")).GetProperty("alarmDepth").GetInt64() == 1, "the alarm raised while read-only stored");
        Assert.True((await daemon.CliJsonAsync("outbox")).GetProperty("available").GetBoolean());
        daemon.Process.Signal("TERM");
        Assert.Equal(0, await daemon.Process.WaitForExitAsync(TimeSpan.FromSeconds(10)));

        await using var stored = await OutboxFixture.OpenAsync(OutboxFixture.Settings(disk.Path));
        var messages = await stored.ReadAsync(0, 1_000_000, _ct);
        Assert.Empty((await stored.GetStatsAsync(_ct)).Dropped);
        Assert.Contains(messages, m => m.Kind == MessageKind.Alarm && Encoding.UTF8.GetString(m.Payload).Contains("\"state\":\"raised\"", StringComparison.Ordinal));
        Assert.True(messages.Count(m => m.Kind == MessageKind.Reading && m.DeviceId == "pipe-1") >= takenWhileReadOnly,
            $"every reading taken in before the repair ({takenWhileReadOnly}) is stored");
    }

    [Fact]
    public async Task A_data_dir_read_only_at_start_is_reported_alarms_go_on_and_once_remounted_rw_everything_taken_in_is_stored()
    {
        using var mount = DeviceFaultTmpfs.Mount(_dir.File("data"), 16L * 1024 * 1024, readOnly: true);
        await using var transmitter = DeviceFaultTransmitter.Start();
        await using var daemon = await DeviceFaultDaemon.StartAsync(_dir, $$"""
            {{DeviceFaultConfig.UnreachableCloud()}},
            "devices": [ {{DeviceFaultConfig.PressureTransmitter("pipe-1", transmitter.Port, pollIntervalMs: 20)}}, {{DeviceFaultConfig.CallButton("call-1", Button)}} ]
            """);
        await using var local = await MqttProbe.SubscribeAsync(daemon.BrokerPort, "edgegw/ward-test/alarms/#", _ct);
        await using var button = await CallButtonPublisher.ConnectAsync(daemon.BrokerPort, _ct);

        Assert.Contains(daemon.Process.Output, line => line.Contains("OutboxStore[1101]", StringComparison.Ordinal) && line.Contains("cannot be opened", StringComparison.Ordinal));
        Assert.Contains(daemon.Process.Output, line => line.Contains("ready in", StringComparison.Ordinal) && line.Contains("outbox: cannot open", StringComparison.Ordinal));
        await button.PublishAsync(Button, "pressed", _ct);
        var raised = await local.NextAsync((_, payload) => payload.Contains("\"type\":\"call\"", StringComparison.Ordinal), DeviceFaultDaemon.Wait, _ct);
        Assert.Contains("\"state\":\"raised\"", raised.Payload, StringComparison.Ordinal);
        var outbox = await daemon.CliJsonAsync("outbox");
        Assert.False(outbox.GetProperty("available").GetBoolean());
        Assert.Contains("writable", outbox.GetProperty("problem").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, DeviceFaultDaemon.Sample(await daemon.MetricsAsync(), "edgegw_outbox_available"));

        mount.Remount(readOnly: false);

        await daemon.Process.WaitForLineAsync(line => line.Contains("OutboxStore[1100]", StringComparison.Ordinal), DeviceFaultDaemon.Wait);
        await daemon.WaitUntilAsync(async () => (await daemon.RequestAsync("outbox")).GetProperty("alarmDepth").GetInt64() == 1, "the alarm raised while read-only stored");
        transmitter.Answer(false);
        await daemon.WaitForStateAsync("pipe-1", "offline");
        var taken = (await daemon.RequestAsync("devices")).EnumerateArray().Sum(d => d.GetProperty("frames").GetInt64());
        daemon.Process.Signal("TERM");
        Assert.Equal(0, await daemon.Process.WaitForExitAsync(TimeSpan.FromSeconds(10)));

        await using var stored = await OutboxFixture.OpenAsync(OutboxFixture.Settings(mount.Path));
        var messages = await stored.ReadAsync(0, 1_000_000, _ct);
        Assert.Equal(taken, messages.Count(m => m.Kind == MessageKind.Reading));
        Assert.Single(messages, m => m.Kind == MessageKind.Alarm);
    }
}
