using System.CommandLine;
using EdgeGateway.Cli;

namespace EdgeGateway.Demo;

/// <summary><c>edgegw demo [--duration 30s] [--data-dir DIR] [--json] [--seed N]</c>.</summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var duration = new Option<TimeSpan?>("--duration", "-d") { Description = "Stop after this long (e.g. 30s, 2m); runs until Ctrl-C when absent", CustomParser = DurationParser.Parse };
        var dataDir = new Option<string?>("--data-dir") { Description = "Where the demo keeps its outbox (a new temp dir when absent)" };
        var json = CliOptions.Json();
        var seed = new Option<int>("--seed") { Description = "Seed of the simulated devices' randomness, for a repeatable run", DefaultValueFactory = _ => 1 };
        var command = new Command("demo", "Run the gateway on simulated devices over real local transports, with an embedded broker as its cloud")
        {
            duration, dataDir, json, seed,
        };
        command.SetAction((parse, cancellationToken) =>
            new DemoRunner(parse.GetValue(json), parse.GetValue(seed)).RunAsync(parse.GetValue(duration), parse.GetValue(dataDir), cancellationToken));
        return command;
    }
}
