using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Running;
using EdgeGateway.Benchmarks.Alarms;
using EdgeGateway.Benchmarks.Footprint;

// `alarm-latency [ALARMS] [READINGS_PER_SECOND]` is a timed end-to-end run, not a BenchmarkDotNet job.
if (args.Length > 0 && args[0] == AlarmLatencyBenchmark.Name)
{
    var alarms = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
    var background = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_000;
    return await AlarmLatencyBenchmark.RunAsync(alarms, background);
}

// `footprint-load [READINGS_PER_SECOND] [SECONDS] [EDGEGW] [TRANSMITTER_POLL_MS]`: the daemon's CPU and RSS under load, from the
// repository root; EDGEGW is a published edgegw executable (default: the Native AOT publish footprint.sh and test.sh make,
// EdgeGateway/bin/aot/edgegw) or edgegw.dll (the JIT build, run with dotnet exec); TRANSMITTER_POLL_MS (default 20) is the
// pressure transmitters' poll interval, to see what polling costs.
if (args.Length > 0 && args[0] == FootprintLoadBenchmark.Name)
{
    var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_000;
    var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 60;
    var daemon = args.Length > 3 ? args[3] : Path.Combine("EdgeGateway", "bin", "aot", "edgegw");
    var pollMs = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : FootprintLoadBenchmark.DefaultTransmitterPollMs;
    return await FootprintLoadBenchmark.RunAsync(rate, seconds, daemon, pollMs);
}

BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
return 0;
