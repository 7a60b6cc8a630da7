using System.Text.Json;
using EdgeGateway.Admin;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Outbox;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Hosting;

/// <summary>The built <c>edgegw</c> as a process, as systemd and a technician run it.</summary>
public sealed class DaemonProcessTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SIGTERM_stops_the_daemon_within_5_s_with_exit_code_0_and_every_reading_it_took_in_is_in_the_outbox()
    {
        using var bed = new MattressSimulator(_dir.File("bed.tty"), TimeProvider.System, seed: 7);
        using var feeding = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        var frames = bed.RunAsync(feeding.Token);
        var config = WriteConfig($$"""
            "devices": [{ "id": "bed-1", "type": "mattress", "mattress": { "port": "{{bed.PortPath}}" } }]
            """);
        await using var daemon = EdgegwProcess.Start("run", "--config", config);
        await daemon.WaitForLineAsync(line => line.Contains("ready in", StringComparison.Ordinal), Wait);

        long taken;
        do
        {
            var devices = await AdminClient.RequestAsync(_dir.File("admin.sock"), new AdminRequest("devices"), _ct);
            taken = devices.EnumerateArray().Single().GetProperty("frames").GetInt64();
        }
        while (taken < 3 && await Delay());

        daemon.Signal("TERM");
        var started = DateTimeOffset.UtcNow;
        var exitCode = await daemon.WaitForExitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(0, exitCode);
        Assert.True(DateTimeOffset.UtcNow - started < TimeSpan.FromSeconds(5), "stopped within 5 s");
        await using var outbox = await OutboxFixture.OpenAsync(OutboxFixture.Settings(_dir.File("data")));
        var readings = (await outbox.ReadAsync(0, 10_000, _ct)).Count(r => r.Kind == MessageKind.Reading);
        Assert.True(readings >= taken, $"{readings} readings stored, {taken} taken in before SIGTERM");
        await feeding.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => frames);
    }

    [Fact]
    public async Task An_invalid_config_stops_run_before_any_device_is_touched_with_every_error_and_exit_code_2()
    {
        var config = WriteConfig("""
            "outbox": { "readingTtlSeconds": 5 },
            "devices": [{ "id": "bed-1", "type": "mattress", "mattress": { "port": "/dev/ttyUSB0", "baud": -1 } }]
            """);

        var (exitCode, output) = await EdgegwProcess.RunAsync(null, "run", "--config", config);

        Assert.Equal(2, exitCode);
        Assert.Contains("outbox.readingTtlSeconds: must be 60..31536000", output, StringComparison.Ordinal);
        Assert.Contains("devices[0].mattress.baud:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ready in", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_dir.File("data")), "nothing was opened");
    }

    [Fact]
    public async Task Config_validate_exits_0_for_a_valid_file_and_2_with_the_list_for_an_invalid_one()
    {
        var valid = await EdgegwProcess.RunAsync(null, "config", "validate", WriteConfig("\"devices\": []"));
        var invalid = await EdgegwProcess.RunAsync(null, "config", "validate", WriteConfig("\"outbox\": { \"quotaBytes\": 10, \"maxBatch\": 0 }"));

        Assert.Equal(0, valid.ExitCode);
        Assert.Equal(2, invalid.ExitCode);
        Assert.Contains("2 errors", invalid.Output, StringComparison.Ordinal);
        Assert.Contains("outbox.maxBatch: must be 1..100000", invalid.Output, StringComparison.Ordinal);
        Assert.Contains("outbox.quotaBytes: must be 1 MiB..1 TiB", invalid.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Beds_are_disarmed_from_the_cli_and_acknowledging_an_unknown_alarm_exits_1_with_the_reason()
    {
        var config = WriteConfig("""
            "devices": [{ "id": "bed-1", "type": "mattress", "mattress": { "port": "/dev/edgegw-test-no-such-port" } }]
            """);
        await using var daemon = EdgegwProcess.Start("run", "--config", config);
        await daemon.WaitForLineAsync(line => line.Contains("ready in", StringComparison.Ordinal), Wait);

        var disarm = await EdgegwProcess.RunAsync(null, "beds", "disarm", "bed-1", "--socket", _dir.File("admin.sock"));
        var ack = await EdgegwProcess.RunAsync(null, "alarms", "ack", "apnea.bed-1.1", "--socket", _dir.File("admin.sock"));

        Assert.Equal((0, "bed-1 disarmed"), (disarm.ExitCode, disarm.Output.Trim()));
        Assert.Equal(1, ack.ExitCode);
        Assert.Contains("no active alarm apnea.bed-1.1", ack.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_usage_error_names_the_problem_and_exits_2()
    {
        var (exitCode, output) = await EdgegwProcess.RunAsync(null, "demo", "--duration", "soon");

        Assert.Equal(2, exitCode);
        Assert.Contains("'soon' is not a duration", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_without_a_running_daemon_says_so_and_exits_3()
    {
        var (exitCode, output) = await EdgegwProcess.RunAsync(null, "status", "--socket", _dir.File("nobody-home.sock"));

        Assert.Equal(3, exitCode);
        Assert.Contains("no edgegw daemon is running", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_admin_socket_refuses_a_peer_outside_the_group_even_when_the_socket_file_lets_it_connect()
    {
        if (Environment.UserName != "root")
        {
            Assert.Skip("running a client as another user needs root (CI runs as root)");
        }

        File.SetUnixFileMode(_dir.Path, (UnixFileMode)0b111_101_101);
        await using var daemon = EdgegwProcess.Start("run", "--config", WriteConfig("\"devices\": []"));
        await daemon.WaitForLineAsync(line => line.Contains("ready in", StringComparison.Ordinal), Wait);
        File.SetUnixFileMode(_dir.File("admin.sock"), (UnixFileMode)0b110_110_110);

        var (exitCode, output) = await EdgegwProcess.RunAsync((65534, 65534), "status", "--socket", _dir.File("admin.sock"));

        Assert.Equal(4, exitCode);
        Assert.Contains("permission denied: uid 65534", output, StringComparison.Ordinal);
        await daemon.WaitForLineAsync(line => line.Contains("Admin socket refused uid 65534", StringComparison.Ordinal), Wait);
        var own = await AdminClient.RequestAsync(_dir.File("admin.sock"), new AdminRequest("status"), _ct);
        Assert.Equal(JsonValueKind.Object, own.ValueKind);
    }

    private string WriteConfig(string sections) => DaemonConfigFile.Write(_dir, sections);

    private async Task<bool> Delay()
    {
        await Task.Delay(50, _ct);
        return true;
    }
}
