using System.CommandLine;
using System.Text.Json;
using EdgeGateway.Admin;

namespace EdgeGateway.Cli;

/// <summary>The CLI's way of asking the running daemon: one admin request, with the exit codes of docs/cli.md.</summary>
internal static class DaemonRequest
{
    /// <summary>A query command's action: the answer as indented JSON with <c>--json</c>, else rendered for people.</summary>
    public static Task<int> QueryAsync(ParseResult parse, Option<string> socket, Option<bool> json, AdminRequest request, Action<JsonElement> render, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return AskAsync(parse.GetValue(socket)!, request, result =>
        {
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result, AdminJson.Info<JsonElement>(AdminJson.Indented)));
            }
            else
            {
                render(result);
            }
        }, cancellationToken);
    }

    /// <summary>Sends the request and renders the answer; a missing, refusing or failing daemon is a message and its exit code.</summary>
    public static Task<int> AskAsync(string socket, AdminRequest request, Action<JsonElement> render, CancellationToken cancellationToken) =>
        GuardAsync(async () =>
        {
            render(await AdminClient.RequestAsync(socket, request, cancellationToken));
            return ExitCodes.Ok;
        });

    /// <summary>Runs a conversation with the daemon, turning a missing, refusing or failing daemon into its message and exit code.</summary>
    public static async Task<int> GuardAsync(Func<Task<int>> talk)
    {
        ArgumentNullException.ThrowIfNull(talk);
        try
        {
            return await talk();
        }
        catch (AdminUnavailableException e)
        {
            await Console.Error.WriteLineAsync($"edgegw: {e.Message}");
            return ExitCodes.NotRunning;
        }
        catch (AdminDeniedException e)
        {
            await Console.Error.WriteLineAsync($"edgegw: {e.Message}");
            return ExitCodes.PermissionDenied;
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"edgegw: the daemon answered with an error: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
