using System.Globalization;
using System.Net;
using System.Text.Json;
using EdgeGateway.Admin;
using EdgeGateway.Hosting;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// The built daemon (<c>edgegw run</c>) for the fault suite: started on a config in a test directory with a
/// known local broker port, and asked what it sees through the admin socket, the CLI and /metrics.
/// </summary>
public sealed class DeviceFaultDaemon : IAsyncDisposable
{
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private const string MetricsLine = "Prometheus metrics on http://127.0.0.1:";
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private DeviceFaultDaemon(EdgegwProcess process, string socketPath, int brokerPort, int metricsPort)
    {
        Process = process;
        SocketPath = socketPath;
        BrokerPort = brokerPort;
        MetricsPort = metricsPort;
    }

    public EdgegwProcess Process { get; }

    public string SocketPath { get; }

    public int BrokerPort { get; }

    public int MetricsPort { get; }

    /// <summary>Writes the config (data dir and admin socket in <paramref name="dir"/>) and starts the daemon; returns once it is ready.</summary>
    public static async Task<DeviceFaultDaemon> StartAsync(TempDirectory dir, string sections)
    {
        ArgumentNullException.ThrowIfNull(dir);
        var brokerPort = LoopbackPorts.Free(IPAddress.Loopback);
        var process = EdgegwProcess.Start("run", "--config", DaemonConfigFile.Write(dir, sections, brokerPort));
        try
        {
            // The metrics endpoint starts before READY (GatewayHost's service order), so its line comes first.
            var metrics = await process.WaitForLineAsync(line => line.Contains(MetricsLine, StringComparison.Ordinal), Wait);
            var port = metrics[(metrics.IndexOf(MetricsLine, StringComparison.Ordinal) + MetricsLine.Length)..].Split('/')[0];
            await process.WaitForLineAsync(line => line.Contains("ready in", StringComparison.Ordinal), Wait);
            return new DeviceFaultDaemon(process, dir.File("admin.sock"), brokerPort, int.Parse(port, CultureInfo.InvariantCulture));
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sums the samples of a Prometheus series whose labels contain every one of <paramref name="labels"/> (e.g. <c>reason="disk_full"</c>).</summary>
    public static double Sample(string exposition, string name, params string[] labels)
    {
        ArgumentNullException.ThrowIfNull(exposition);
        double sum = 0;
        foreach (var line in exposition.Split('\n'))
        {
            if (line.StartsWith('#') || !(line.StartsWith(name + "{", StringComparison.Ordinal) || line.StartsWith(name + " ", StringComparison.Ordinal)))
            {
                continue;
            }

            var split = line.LastIndexOf(' ');
            if (labels.All(l => line[..split].Contains(l, StringComparison.Ordinal)))
            {
                sum += double.Parse(line[(split + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return sum;
    }

    public Task<JsonElement> RequestAsync(string command) =>
        AdminClient.RequestAsync(SocketPath, new AdminRequest(command), TestContext.Current.CancellationToken);

    /// <summary>One device as <c>devices</c> on the admin socket shows it.</summary>
    public async Task<JsonElement> DeviceAsync(string deviceId) =>
        (await RequestAsync("devices")).EnumerateArray().Single(d => d.GetProperty("id").GetString() == deviceId);

    /// <summary>Runs <c>edgegw COMMAND --json --socket …</c> as a technician would, and parses what it printed.</summary>
    public async Task<JsonElement> CliJsonAsync(string command)
    {
        var (exitCode, output) = await EdgegwProcess.RunAsync(null, command, "--json", "--socket", SocketPath);
        Assert.True(exitCode == 0, $"edgegw {command} --json exited {exitCode}: {output}");
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    /// <summary>GET /metrics (Prometheus text).</summary>
    public Task<string> MetricsAsync() =>
        Http.GetStringAsync(new Uri($"http://127.0.0.1:{MetricsPort}/metrics"), TestContext.Current.CancellationToken);

    /// <summary>Polls <paramref name="condition"/> every 50 ms until it holds; fails with <paramref name="what"/> and the daemon's log after <see cref="Wait"/>.</summary>
    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTimeOffset.UtcNow + Wait;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException($"not within {Wait}: {what}\n{string.Join('\n', Process.Output)}");
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    /// <summary>Waits until the device shows <paramref name="state"/> (connecting, online, offline) on the admin socket.</summary>
    public Task WaitForStateAsync(string deviceId, string state) =>
        WaitUntilAsync(async () => (await DeviceAsync(deviceId)).GetProperty("state").GetString() == state, $"{deviceId} {state}");

    public ValueTask DisposeAsync() => Process.DisposeAsync();
}
