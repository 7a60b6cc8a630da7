using System.CommandLine;
using EdgeGateway.Admin;

namespace EdgeGateway.Cli;

/// <summary><c>edgegw alarms ack ID</c> and <c>edgegw beds arm|disarm BED</c>: changes asked of the running daemon.</summary>
internal static class AlarmCommands
{
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
