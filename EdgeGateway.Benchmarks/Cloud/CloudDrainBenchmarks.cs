using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using EdgeGateway.Cloud;
using EdgeGateway.Configuration;
using EdgeGateway.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Benchmarks.Cloud;

/// <summary>
/// Drain rate of a full outbox to a local Mosquitto at QoS 1 (the forwarder: read, publish, wait for PUBACK,
/// delete in groups) beside mosquitto_pub moving the same 200-byte messages at QoS 1 to the same broker
/// (the ceiling: no disk, no reads, C). Plain TCP on loopback for both. Needs Debian's mosquitto and
/// mosquitto-clients. Each reported time is per message (OperationsPerInvoke); messages/s = 1e9 / ns.
/// </summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class CloudDrainBenchmarks
{
    private const int Messages = 20_000;
    private static readonly string[] Directories = ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"];

    private string _dir = "";
    private string _lines = "";
    private int _port;
    private Process? _broker;
    private OutboxStore? _store;

    [Params(32, 128)]
    public int Window { get; set; }

    [GlobalSetup]
    public void StartBroker()
    {
        _dir = Directory.CreateTempSubdirectory("edgegw-bench-cloud-").FullName;
        _port = FreePort();
        var config = Path.Combine(_dir, "mosquitto.conf");
        File.WriteAllText(config, string.Create(CultureInfo.InvariantCulture, $"user root\nallow_anonymous true\nmax_inflight_messages 0\nmax_queued_messages 0\nlistener {_port} 127.0.0.1\n"));
        _broker = Process.Start(new ProcessStartInfo(Executable("mosquitto"), ["-c", config]) { UseShellExecute = false, RedirectStandardError = true })!;
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new TcpClient();
                probe.Connect(IPAddress.Loopback, _port);
                break;
            }
            catch (SocketException)
            {
                Task.Delay(20).GetAwaiter().GetResult();
            }
        }

        // mosquitto_pub -l sends one message per line: 199 characters and the newline make the same 200 bytes.
        _lines = Path.Combine(_dir, "messages.txt");
        File.WriteAllLines(_lines, Enumerable.Repeat(new string('x', 199), Messages));
    }

    [GlobalCleanup]
    public void StopBroker()
    {
        _broker?.Kill();
        _broker?.WaitForExit();
        Directory.Delete(_dir, recursive: true);
    }

    [IterationSetup(Targets = [nameof(ForwarderDrain)])]
    public void FillOutbox()
    {
        var data = Directory.CreateTempSubdirectory("edgegw-bench-outbox-").FullName;
        _store = new OutboxStore(new OutboxSettings(data, "bench"), TimeProvider.System, NullLogger<OutboxStore>.Instance, new OutboxMetrics(Meters()));
        _store.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        var appends = new Task<long>[Messages];
        var payload = new byte[200];
        for (var i = 0; i < Messages; i++)
        {
            appends[i] = _store.TryAppend(new OutboxDraft(MessageKind.Reading, "dev-1", null, DateTimeOffset.UtcNow, (_, _) => payload))!;
        }

        Task.WhenAll(appends).GetAwaiter().GetResult();
    }

    [IterationCleanup(Targets = [nameof(ForwarderDrain)])]
    public void CloseOutbox()
    {
        _store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _store = null;
    }

    /// <summary>The ceiling: Mosquitto's own client publishing the same messages at QoS 1.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Messages)]
    public void MosquittoPub()
    {
        using var pub = Process.Start(new ProcessStartInfo(Executable("mosquitto_pub"),
            ["-h", "127.0.0.1", "-p", _port.ToString(CultureInfo.InvariantCulture), "-q", "1", "-t", "bench/pub", "-l"])
        { UseShellExecute = false, RedirectStandardInput = true })!;
        using (var input = File.OpenRead(_lines))
        {
            input.CopyTo(pub.StandardInput.BaseStream);
        }

        pub.StandardInput.Close();
        pub.WaitForExit();
    }

    /// <summary>The forwarder draining a full outbox: each message acknowledged by PUBACK and deleted.</summary>
    [Benchmark(OperationsPerInvoke = Messages)]
    public async Task ForwarderDrain()
    {
        var sink = new MqttCloudSink(new MqttCloudOptions { Host = "127.0.0.1", Port = _port, Tls = false, ClientId = "bench-forwarder" }, "bench");
        await using (sink)
        {
            using var forwarder = new ForwarderService(sink, _store!, new CloudStatus(), new ForwarderSettings(Window), TimeProvider.System, Meters(), NullLogger<ForwarderService>.Instance);
            await forwarder.StartAsync(CancellationToken.None);
            while (_store!.Depth > 0)
            {
                await Task.Delay(1);
            }

            await forwarder.StopAsync(CancellationToken.None);
        }
    }

    private static IMeterFactory Meters() => new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    private static string Executable(string name) =>
        Directories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException($"{name} is not installed: apt-get install mosquitto mosquitto-clients");

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
