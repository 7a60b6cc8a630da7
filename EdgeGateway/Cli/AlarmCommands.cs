using System.CommandLine;
using System.Globalization;
using EdgeGateway.Admin;
using Spectre.Console;

namespace EdgeGateway.Cli;

/// <summary><c>edgegw alarms [--watch]</c>, <c>edgegw alarms ack ID</c> and <c>edgegw beds arm|disarm BED</c>.</summary>
internal static class AlarmCommands
{
    /// <summary>Active alarms once, or live with <c>--watch</c> until Ctrl-C; <c>ack</c> as a subcommand.</summary>
    public static Command Create()
    {
        var json = CliOptions.Json();
        var socket = CliOptions.Socket();
        var watch = new Option<bool>("--watch", "-w") { Description = "Keep watching: print every alarm transition as it happens, until Ctrl-C" };
        var command = new Command("alarms", "Active alarms (with --watch: live)") { json, socket, watch, Acknowledge() };
        command.SetAction((parse, cancellationToken) => parse.GetValue(watch)
            ? WatchAsync(parse.GetValue(socket)!, parse.GetValue(json), cancellationToken)
            : DaemonRequest.QueryAsync(parse, socket, json, new AdminRequest("alarms"), result => AnsiConsole.Write(DaemonQueryCommands.AlarmsTable(result)), cancellationToken));
        return command;
    }

    /// <summary>The <c>ack</c> subcommand of <c>alarms</c>; who acknowledged is taken from the socket's peer, not from the command line.</summary>
    public static Command Acknowledge()
    {
        var alarmId = new Argument<string>("ID") { Description = "The alarm id (edgegw alarms lists them)" };
        var socket = CliOptions.Socket();
        var command = new Command("ack", "Acknowledge an active alarm: it stays listed until its condition clears") { alarmId, socket };
        command.SetAction((parse, cancellationToken) =>
            DaemonRequest.AskAsync(parse.GetValue(socket)!, new AdminRequest("alarms.ack", new Dictionary<string, string> { ["alarmId"] = parse.GetValue(alarmId)! }),
                result => Console.WriteLine($"{result.GetProperty("alarmId").GetString()} acknowledged by {result.GetProperty("acknowledgedBy").GetString()}"),
                cancellationToken));
        return command;
    }

    private static Task<int> WatchAsync(string socket, bool json, CancellationToken cancellationToken) =>
        DaemonRequest.GuardAsync(async () =>
        {
            var first = true;
            await foreach (var line in AdminClient.StreamAsync(socket, new AdminRequest("alarms.watch"), cancellationToken))
            {
                if (json)
                {
                    Console.WriteLine(line.GetRawText());
                }
                else if (first)
                {
                    AnsiConsole.Write(DaemonQueryCommands.AlarmsTable(line));
                    Console.WriteLine("watching; Ctrl-C to stop");
                }
                else
                {
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{line.GetProperty("timestamp").GetString()}  {line.GetProperty("state").GetString(),-12} {line.GetProperty("priority").GetString(),-6} {line.GetProperty("type").GetString(),-16} {line.GetProperty("alarmId").GetString()}  {line.GetProperty("message").GetString()}"));
                }

                first = false;
            }

            await Console.Error.WriteLineAsync("edgegw: the daemon closed the watch (stopped or restarted)");
            return ExitCodes.Failed;
        });

    public static Command Beds() => new("beds", "Arm or disarm a bed's bed-exit alarm") { Arm("arm", "Watch the bed for the patient leaving it"), Arm("disarm", "Stop watching the bed (a patient allowed up, a bed being made)") };

    private static Command Arm(string verb, string description)
    {
        var bed = new Argument<string>("BED") { Description = "The bed's device id (a device of type mattress)" };
        var socket = CliOptions.Socket();
        var command = new Command(verb, description) { bed, socket };
        command.SetAction((parse, cancellationToken) =>
            DaemonRequest.AskAsync(parse.GetValue(socket)!, new AdminRequest($"beds.{verb}", new Dictionary<string, string> { ["bed"] = parse.GetValue(bed)! }),
                result => Console.WriteLine($"{result.GetProperty("bed").GetString()} {(result.GetProperty("armed").GetBoolean() ? "armed" : "disarmed")}"),
                cancellationToken));
        return command;
    }
}
