using System.CommandLine;
using EdgeGateway.Configuration;
using EdgeGateway.Hosting;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Cli;

/// <summary><c>edgegw run --config FILE</c>: the daemon (systemd runs this).</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var config = new Option<string>("--config", "-c") { Description = "Configuration file", DefaultValueFactory = _ => CliOptions.DefaultConfigPath };
        var command = new Command("run", "Run the gateway daemon (as systemd does)") { config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var path = parse.GetValue(config)!;
            var loaded = GatewayConfigLoader.Load(path);
            if (!loaded.IsValid)
            {
                // Stop before any device is touched, listing every error.
                await ConfigCommands.WriteErrorsAsync(path, loaded.Errors);
                return ExitCodes.InvalidConfig;
            }

            return await RunHostAsync(GatewayHost.Build(loaded.Options!), cancellationToken);
        });
        return command;
    }

    /// <summary>Runs a host until SIGTERM/SIGINT; a service that cannot start is a clear error and exit code 1.</summary>
    public static async Task<int> RunHostAsync(IHost host, CancellationToken cancellationToken)
    {
        using (host)
        {
            try
            {
                await host.RunAsync(cancellationToken);
                return ExitCodes.Ok;
            }
            catch (InvalidOperationException e)
            {
                await Console.Error.WriteLineAsync($"edgegw: {e.Message}");
                return ExitCodes.Failed;
            }
        }
    }
}
