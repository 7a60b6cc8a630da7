using System.Globalization;
using System.Reflection;
using BenchmarkDotNet.Running;
using EdgeGateway.Benchmarks.Alarms;

// `alarm-latency [ALARMS] [READINGS_PER_SECOND]` is a timed end-to-end run, not a BenchmarkDotNet job.
if (args.Length > 0 && args[0] == AlarmLatencyBenchmark.Name)
{
    var alarms = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
    var background = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_000;
    return await AlarmLatencyBenchmark.RunAsync(alarms, background);
}

BenchmarkSwitcher.FromAssembly(Assembly.GetExecutingAssembly()).Run(args);
return 0;
