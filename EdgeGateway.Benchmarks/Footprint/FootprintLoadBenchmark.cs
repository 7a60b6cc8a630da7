using System.Diagnostics;
using System.Globalization;
using System.Net;
using EdgeGateway.Drivers.Epc;
using EdgeGateway.Drivers.Llrp.Emulation;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Drivers.Modbus.Simulation;
using EdgeGateway.Hosting;

namespace EdgeGateway.Benchmarks.Footprint;

/// <summary>
/// The daemon's own footprint (issue 8): the BUILT <c>edgegw run</c> as a child process, with the environment the
/// systemd unit sets, its devices on real local transports served by simulators in THIS process (so their CPU is
/// not counted): RFID portals (LLRP reader emulators on TCP) carrying almost all of the load, pressure
/// transmitters on Modbus TCP polled every 20 ms, and beds on ptys at one frame a second. Prints the time to
/// READY, then CPU (utime + stime from /proc, as % of one core) and RSS while idle (devices connected, no
/// tag in the portals' fields) and loaded (tags in the fields), with the reading rate the daemon itself counted
/// (<c>edgegw_engine_events_total</c> on its Prometheus endpoint), and its peak RSS (VmHWM).
/// </summary>
internal static class FootprintLoadBenchmark
{
    public const string Name = "footprint-load";

    /// <summary>What burst location needs (docs/benchmarks.md); another interval shows what polling costs.</summary>
    public const int DefaultTransmitterPollMs = 20;

    private const int Portals = 4;
    private const int PortalReportPeriodMs = 100;
    private const int PortalReportEveryNTags = 16;
    private const int Pipes = 2;
    private const int Beds = 2;
    private const string Gtin = "80614141123458";
    private const int ClockTicksPerSecond = 100; // USER_HZ, fixed at 100 in the Linux ABI

    private const string Unit = "deploy/systemd/edgegw.service";

    public static async Task<int> RunAsync(int readingsPerSecond, int seconds, string executable, int transmitterPollMs)
    {
        if (!File.Exists(executable))
        {
            await Console.Error.WriteLineAsync($"{executable} not found: publish it first (dotnet publish EdgeGateway -c Release -r linux-x64 -o EdgeGateway/bin/aot), or name edgegw.dll of a build");
            return 2;
        }

        var environment = UnitEnvironment();

        // The slow devices' share is fixed; the portals carry the rest.
        var slowPerSecond = (Pipes * 2 * 1000 / transmitterPollMs) + Beds;
        var tagsPerPortal = Math.Max(0, (readingsPerSecond - slowPerSecond) * PortalReportPeriodMs / 1000 / Portals);
        var dir = Directory.CreateTempSubdirectory("edgegw-footprint-").FullName;
        using var running = new CancellationTokenSource();
        var simulations = new List<Task>();
        var disposables = new List<IAsyncDisposable>();
        var beds = new List<MattressSimulator>();
        try
        {
            var devices = new List<string>();
            var portals = new List<LlrpReaderEmulator>();
            for (var p = 1; p <= Portals; p++)
            {
                var portal = new LlrpReaderEmulator(new LlrpReaderEmulatorOptions { ReportPeriodMs = PortalReportPeriodMs, Antennas = 1 }, TimeProvider.System);
                portal.Start();
                disposables.Add(portal);
                portals.Add(portal);
                devices.Add($$"""
                    { "id": "portal-{{p}}", "type": "rfid", "llrp": { "host": "127.0.0.1", "port": {{portal.Port}}, "antennas": [1], "reportEveryNTags": {{PortalReportEveryNTags}} },
                      "stock": { "windowSeconds": 60, "locations": [{ "name": "store {{p}}", "antennas": [1], "minimums": [{ "gtin": "{{Gtin}}", "minimum": 1 }] }] } }
                    """);
            }

            var pipes = new List<string>();
            for (var p = 1; p <= Pipes; p++)
            {
                var upstream = new ModbusSlave();
                var downstream = new ModbusSlave();
                var pipe = new PipePressureSimulator(new PipePressureOptions(), upstream.AddUnit(1), downstream.AddUnit(1), TimeProvider.System, new Random(p));
                simulations.Add(pipe.RunAsync(TimeSpan.FromMilliseconds(5), running.Token));
                foreach (var (end, slave) in new[] { ("up", upstream), ("down", downstream) })
                {
                    var server = ModbusTcpSlaveSimulator.Start(slave);
                    disposables.Add(server);
                    devices.Add($$"""
                        { "id": "pipe-{{p}}-{{end}}", "type": "pressure", "modbus": { "tcp": "127.0.0.1:{{server.Port}}", "pollIntervalMs": {{transmitterPollMs}}, "timeoutMs": 500,
                          "points": [{ "name": "pressure", "function": 3, "address": 0, "type": "float32", "unit": "kPa" }] } }
                        """);
                }

                pipes.Add($$"""{ "id": "main-{{p}}", "upstreamDeviceId": "pipe-{{p}}-up", "downstreamDeviceId": "pipe-{{p}}-down", "lengthM": 1000, "waveSpeedMps": 1200 }""");
            }

            for (var b = 1; b <= Beds; b++)
            {
                var bed = new MattressSimulator(Path.Combine(dir, $"bed-{b}.tty"), TimeProvider.System, seed: b);
                beds.Add(bed);
                simulations.Add(bed.RunAsync(running.Token));
                devices.Add($$"""{ "id": "bed-{{b}}", "type": "mattress", "mattress": { "port": "{{bed.PortPath}}" } }""");
            }

            var metricsPort = LoopbackPorts.Free(IPAddress.Loopback);
            var config = Path.Combine(dir, "edgegw.json");
            await File.WriteAllTextAsync(config, $$"""
                {
                  "gateway": { "id": "footprint", "dataDir": "{{Path.Combine(dir, "data")}}" },
                  "admin": { "socketPath": "{{Path.Combine(dir, "admin.sock")}}" },
                  "metrics": { "port": {{metricsPort}} },
                  "localBroker": { "port": {{LoopbackPorts.Free(IPAddress.Loopback)}} },
                  "alarms": { "pipeBurst": { "pipes": [{{string.Join(",", pipes)}}] } },
                  "devices": [
                    {{string.Join(",\n", devices)}}
                  ]
                }
                """);

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"devices: {Portals} RFID portals (LLRP on TCP, {tagsPerPortal} tags each, a round every {PortalReportPeriodMs} ms, reports of {PortalReportEveryNTags} tags), " +
                $"{Pipes * 2} pressure transmitters (Modbus TCP, polled every {transmitterPollMs} ms), {Beds} beds (pty, 1 frame/s): ~{(tagsPerPortal * Portals * 1000 / PortalReportPeriodMs) + slowPerSecond} readings/s"));
            var command = executable.EndsWith(".dll", StringComparison.Ordinal) ? $"dotnet exec {executable}" : executable;
            Console.WriteLine($"daemon: {command} run --config {config} with {string.Join(' ', environment.Select(e => $"{e.Name}={e.Value}"))}");

            await using var daemon = DaemonProcess.Start(executable, config, environment);
            var ready = await daemon.WaitForReadyAsync(TimeSpan.FromSeconds(30));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready: {ready.Observed.TotalMilliseconds:0} ms from spawn to the READY log line ({daemon.ReadyLine})"));

            var metrics = new Uri($"http://127.0.0.1:{metricsPort}/metrics");
            using var http = new HttpClient();
            // Let every device connect and the JIT settle before measuring.
            await Task.Delay(TimeSpan.FromSeconds(5));
            var idle = await MeasureAsync(daemon.Pid, http, metrics, TimeSpan.FromSeconds(Math.Min(seconds, 20)));
            Report("idle (devices connected, no tags in the portals' fields)", idle);

            for (var p = 0; p < Portals; p++)
            {
                for (var t = 0; t < tagsPerPortal; t++)
                {
                    portals[p].AddTag(1, Sgtin96Encoder.Encode(Gtin, 7, (ulong)((p * 100_000) + t)));
                }
            }

            await Task.Delay(TimeSpan.FromSeconds(10));
            var loaded = await MeasureAsync(daemon.Pid, http, metrics, TimeSpan.FromSeconds(seconds));
            Report("loaded", loaded);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"peak RSS over the whole run (VmHWM): {Status(daemon.Pid, "VmHWM:") / 1024.0:0.0} MB"));

            var exit = await daemon.StopAsync(TimeSpan.FromSeconds(10));
            Console.WriteLine($"SIGTERM: exit code {exit}");
            return exit == 0 ? 0 : 1;
        }
        finally
        {
            await running.CancelAsync();
            await Task.WhenAll(simulations).ContinueWith(_ => { }, TaskScheduler.Default);
            foreach (var disposable in disposables)
            {
                await disposable.DisposeAsync();
            }

            foreach (var bed in beds)
            {
                bed.Dispose();
            }

            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// The Environment= lines of the systemd unit (the GC and diagnostics settings the field runs with); a variable
    /// already set in this process's environment wins, so a setting can be tried without editing the unit.
    /// </summary>
    private static List<(string Name, string Value)> UnitEnvironment()
    {
        var settings = File.ReadLines(Unit)
            .Where(line => line.StartsWith("Environment=", StringComparison.Ordinal))
            .Select(line => line["Environment=".Length..].Split('=', 2))
            .Select(pair => (Name: pair[0], Value: Environment.GetEnvironmentVariable(pair[0]) ?? pair[1]))
            .ToList();
        return settings;
    }

    private static void Report(string phase, Window window)
    {
        var perReading = window.EventsPerSecond > 0
            ? string.Create(CultureInfo.InvariantCulture, $" ({window.CpuPercent / 100 * 1e6 / window.EventsPerSecond:0.0} µs per reading)")
            : "";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{phase}: {window.EventsPerSecond:0} readings/s counted by the daemon, CPU {window.CpuPercent:0.0} % of one core{perReading}, " +
            $"RSS {window.RssMinKb / 1024.0:0.0}–{window.RssMaxKb / 1024.0:0.0} MB over {window.Seconds:0} s"));
    }

    /// <summary>CPU from /proc/PID/stat and events from the daemon's metrics at both ends of the window; RSS sampled every second.</summary>
    private static async Task<Window> MeasureAsync(int pid, HttpClient http, Uri metrics, TimeSpan length)
    {
        var events = await EngineEventsAsync(http, metrics);
        var ticks = CpuTicks(pid);
        var wall = Stopwatch.StartNew();
        long rssMin = long.MaxValue, rssMax = 0;
        while (wall.Elapsed < length)
        {
            await Task.Delay(TimeSpan.FromSeconds(1));
            var rss = Status(pid, "VmRSS:");
            rssMin = Math.Min(rssMin, rss);
            rssMax = Math.Max(rssMax, rss);
        }

        var cpuSeconds = (double)(CpuTicks(pid) - ticks) / ClockTicksPerSecond;
        var elapsed = wall.Elapsed.TotalSeconds;
        var counted = await EngineEventsAsync(http, metrics) - events;
        return new Window(elapsed, cpuSeconds / elapsed * 100, counted / elapsed, rssMin, rssMax);
    }

    /// <summary>utime + stime of the process, every thread, in clock ticks (proc(5): fields 14 and 15).</summary>
    private static long CpuTicks(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
    }

    /// <summary>A kB value of /proc/PID/status (VmRSS, VmHWM).</summary>
    private static long Status(int pid, string key)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith(key, StringComparison.Ordinal));
        return long.Parse(line[key.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
    }

    private static async Task<double> EngineEventsAsync(HttpClient http, Uri metrics)
    {
        var text = await http.GetStringAsync(metrics);
        var line = text.Split('\n').FirstOrDefault(l => l.StartsWith("edgegw_engine_events_total ", StringComparison.Ordinal));
        return line is null ? 0 : double.Parse(line["edgegw_engine_events_total ".Length..], CultureInfo.InvariantCulture);
    }

    private sealed record Window(double Seconds, double CpuPercent, double EventsPerSecond, long RssMinKb, long RssMaxKb);
}
