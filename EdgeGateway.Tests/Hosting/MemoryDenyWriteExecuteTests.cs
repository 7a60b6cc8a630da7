using System.Diagnostics;
using System.Text.Json;
using EdgeGateway.Admin;
using EdgeGateway.Drivers.Epc;
using EdgeGateway.Drivers.Llrp.Emulation;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Simulation;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Hosting;

/// <summary>
/// The systemd unit sets <c>MemoryDenyWriteExecute=yes</c>, which only a Native AOT build survives: the daemon
/// test.sh publishes must run its devices, outbox and broker under both forms of it, and the restriction must be
/// real (the JIT build dies under it).
/// </summary>
public sealed class MemoryDenyWriteExecuteTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Theory]
    [MemberData(nameof(MemoryDenyWriteExecute.Modes), MemberType = typeof(MemoryDenyWriteExecute))]
    public async Task The_shipped_daemon_runs_a_bed_a_transmitter_and_a_reader_under_it_and_stops_cleanly(string mode)
    {
        if (Environment.GetEnvironmentVariable("EDGEGW_EXECUTABLE") is not { Length: > 0 })
        {
            Assert.Skip("needs the Native AOT daemon (test.sh publishes it and sets EDGEGW_EXECUTABLE); the JIT build cannot run under MemoryDenyWriteExecute");
        }

        using var bed = new MattressSimulator(_dir.File("bed.tty"), TimeProvider.System, seed: 3);
        using var feeding = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        var frames = bed.RunAsync(feeding.Token);
        var slave = new ModbusSlave();
        slave.AddUnit(1).SetValue(false, 0, 412.5, RegisterType.Float32, WordOrder.ABCD);
        await using var transmitter = ModbusTcpSlaveSimulator.Start(slave);
        await using var reader = new LlrpReaderEmulator(new LlrpReaderEmulatorOptions(), TimeProvider.System);
        reader.Start();
        reader.AddTag(1, Sgtin96Encoder.Encode("80614141123458", 7, 1));
        var config = DaemonConfigFile.Write(_dir, $$"""
            "devices": [
              { "id": "bed-1", "type": "mattress", "mattress": { "port": "{{bed.PortPath}}" } },
              { "id": "pipe-1", "type": "pressure", "modbus": { "tcp": "127.0.0.1:{{transmitter.Port}}", "pollIntervalMs": 100,
                "points": [{ "name": "pressure", "function": 3, "address": 0, "type": "float32", "unit": "kPa" }] } },
              { "id": "portal-1", "type": "rfid", "llrp": { "host": "127.0.0.1", "port": {{reader.Port}} } }
            ]
            """);

        await using var daemon = EdgegwProcess.StartUnder(MemoryDenyWriteExecute.Under(mode), "run", "--config", config);
        await daemon.WaitForLineAsync(line => line.Contains("ready in", StringComparison.Ordinal), Wait);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        deadline.CancelAfter(Wait);
        JsonElement devices;
        do
        {
            devices = await AdminClient.RequestAsync(_dir.File("admin.sock"), new AdminRequest("devices"), deadline.Token);
        }
        while (!devices.EnumerateArray().All(d => d.GetProperty("state").GetString() == "online" && d.GetProperty("frames").GetInt64() > 0) && await Delay(deadline.Token));
        daemon.Signal("TERM");

        Assert.Equal(0, await daemon.WaitForExitAsync(Wait));
        Assert.Equal(["bed-1", "pipe-1", "portal-1"], devices.EnumerateArray().Select(d => d.GetProperty("id").GetString()).Order());
        await feeding.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => frames);
    }

    [Theory]
    [MemberData(nameof(MemoryDenyWriteExecute.Modes), MemberType = typeof(MemoryDenyWriteExecute))]
    public async Task The_restriction_is_real_the_jit_build_cannot_start_under_it(string mode)
    {
        string[] command = [.. MemoryDenyWriteExecute.Under(mode), "dotnet", "exec", EdgegwProcess.Dll, "--version"];
        using var jit = Process.Start(new ProcessStartInfo(command[0], command[1..]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await jit.StandardOutput.ReadToEndAsync(_ct);
        await jit.WaitForExitAsync(_ct);

        Assert.Equal(128 + 11, jit.ExitCode); // killed by SIGSEGV: the JIT's code pages are refused
        Assert.DoesNotContain("0.1.", output, StringComparison.Ordinal);
    }

    private static async Task<bool> Delay(CancellationToken cancellationToken)
    {
        await Task.Delay(50, cancellationToken);
        return true;
    }
}
