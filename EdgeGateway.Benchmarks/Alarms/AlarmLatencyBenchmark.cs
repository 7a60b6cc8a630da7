using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using EdgeGateway.Configuration;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace EdgeGateway.Benchmarks.Alarms;

/// <summary>
/// Local alarm latency (issue 6): from the moment a nurse-call button's MQTT frame is handed to its socket
/// to the moment a ward display subscribed to the gateway's local broker receives the alarm, over real
/// sockets, the real driver, engine and broker, while a background driver feeds 5,000 readings/s through
/// the engine, the outbox and the local readings topics. Press and cancel alternate, so every frame makes
/// one alarm transition (raised, then cleared). Prints p50 / p99 / max, and first the process CPU the background
/// readings alone cost (after a 3 s warm-up, over 10 s).
/// </summary>
internal static class AlarmLatencyBenchmark
{
    public const string Name = "alarm-latency";
    private const string Topic = "bench/ward/call-1";
    private const int Warmup = 200;

    public static async Task<int> RunAsync(int alarms, int background)
    {
        var dataDir = Directory.CreateTempSubdirectory("edgegw-latency-").FullName;
        var port = LoopbackPorts.Free(IPAddress.Loopback);
        var options = new GatewayOptions
        {
            Gateway = new GatewaySection { Id = "bench", DataDir = dataDir },
            Admin = new AdminOptions { SocketPath = Path.Combine(dataDir, "admin.sock") },
            Metrics = new MetricsOptions { Enabled = false },
            LocalBroker = new LocalBrokerOptions { Port = port },
            Devices = [new DeviceOptions { Id = "call-1", Type = DeviceType.CallButton, Mqtt = new MqttCallButtonOptions { Topic = Topic } }],
        };
        options.Alarms.CallEscalation.EscalationSeconds = [3600];
        var load = new LoadDriver("load-1", background);
        using var host = GatewayHost.Build(options, services => services.AddSingleton<IDeviceDriver>(load), LogLevel.Error);
        await host.StartAsync();

        var factory = new MqttClientFactory();
        using var display = factory.CreateMqttClient();
        using var button = factory.CreateMqttClient();
        var received = new SemaphoreSlim(0);
        display.ApplicationMessageReceivedAsync += e =>
        {
            if (e.ApplicationMessage.Payload.Length > 0)
            {
                received.Release();
            }

            return Task.CompletedTask;
        };
        await display.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("ward-display").Build());
        await display.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter("edgegw/bench/alarms/#").Build());
        await button.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("call-button-1").Build());

        // The background alone first, after a warm-up (JIT, tiering): what the readings cost the whole process.
        var process = Process.GetCurrentProcess();
        await Task.Delay(TimeSpan.FromSeconds(3));
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var collections = GC.CollectionCount(0);
        var (loadCpu, loadReadings, loadWall) = await MeasureCpuAsync(process, load, () => Task.Delay(TimeSpan.FromSeconds(10)));
        allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var perReading = loadReadings == 0
            ? ""
            : string.Create(CultureInfo.InvariantCulture, $", {loadCpu.TotalMicroseconds / loadReadings:0.0} µs and {allocated / loadReadings:0} bytes allocated per reading");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"background alone: {loadReadings} readings in {loadWall.TotalSeconds:0.0} s, process CPU {loadCpu / loadWall * 100:0.0} % of one core{perReading}, {GC.CollectionCount(0) - collections} GCs"));

        var latencies = new double[alarms];
        var (cpu, readings, wall) = await MeasureCpuAsync(process, load, () => PressAndCancelAsync(button, received, latencies));
        var seconds = background == 0 ? 0 : (double)load.Sent / background;
        await host.StopAsync();
        Directory.Delete(dataDir, recursive: true);
        if (latencies.Any(double.IsNaN))
        {
            await Console.Error.WriteLineAsync("an alarm never arrived (10 s)");
            return 1;
        }

        Array.Sort(latencies);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"alarm latency over {alarms} alarms (after {Warmup} warm-up), background {background} readings/s ({load.Sent} sent in {seconds:0.0} s): " +
            $"p50 {Percentile(latencies, 0.50):0.000} ms, p99 {Percentile(latencies, 0.99):0.000} ms, max {latencies[^1]:0.000} ms; " +
            $"process CPU meanwhile {cpu / wall * 100:0.0} % of one core ({readings} readings and {alarms + Warmup} alarm frames in {wall.TotalSeconds:0.0} s)"));
        return 0;
    }

    /// <summary>Alternates press and cancel, timing each from the frame's publish to the display's receipt; NaN for one that never came.</summary>
    private static async Task PressAndCancelAsync(IMqttClient button, SemaphoreSlim received, double[] latencies)
    {
        Array.Fill(latencies, double.NaN);
        for (var i = -Warmup; i < latencies.Length; i++)
        {
            var frame = new MqttApplicationMessageBuilder().WithTopic(Topic).WithPayload(Encoding.UTF8.GetBytes((i & 1) == 0 ? "pressed" : "cancelled")).Build();
            var started = Stopwatch.GetTimestamp();
            await button.PublishAsync(frame);
            if (!await received.WaitAsync(TimeSpan.FromSeconds(10)))
            {
                return;
            }

            if (i >= 0)
            {
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }
    }

    /// <summary>The process's CPU time (user + system, every thread) and the readings sent while <paramref name="run"/> ran.</summary>
    private static async Task<(TimeSpan Cpu, long Readings, TimeSpan Wall)> MeasureCpuAsync(Process process, LoadDriver load, Func<Task> run)
    {
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        var sent = load.Sent;
        var wall = Stopwatch.StartNew();
        await run();
        process.Refresh();
        return (process.TotalProcessorTime - cpu, load.Sent - sent, wall.Elapsed);
    }

    private static double Percentile(double[] sorted, double p) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(p * sorted.Length) - 1)];
}
