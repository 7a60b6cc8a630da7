using System.CommandLine;

namespace EdgeGateway.Cli;

/// <summary>The <c>edgegw</c> command line (docs/cli.md).</summary>
public static class EdgegwCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("edgegw: the ward edge gateway (daemon, demo, and the technician's tools)")
        {
            RunCommand.Create(),
            Demo.DemoCommand.Create(),
            ConfigCommands.Create(),
            CatalogCommands.Create(),
            StockCommand.Create(),
            DiagCommand.Create(DiagLlrpCommand.Create()),
        };
        foreach (var query in DaemonQueryCommands.Create())
        {
            root.Add(query);
        }

        root.Add(AlarmCommands.Create());
        root.Add(AlarmCommands.Beds());

        return root;
    }

    public static async Task<int> InvokeAsync(string[] args)
    {
        var parse = Create().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await Console.Error.WriteLineAsync($"edgegw: {error.Message}");
            }

            await Console.Error.WriteLineAsync("edgegw: see 'edgegw --help'");
            return ExitCodes.InvalidConfig;
        }

        // The host handles SIGTERM/SIGINT itself (graceful flush), so the parser must not race it.
        return await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
