using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.Admin;
using Spectre.Console;

namespace EdgeGateway.Cli;

/// <summary><c>edgegw status | devices | outbox</c>: ask the running daemon over the admin socket.</summary>
internal static class DaemonQueryCommands
{
    private static readonly string[] LocationKeys = ["ward", "room", "bed", "zone"];

    public static IEnumerable<Command> Create()
    {
        yield return Query("status", "Uptime, devices, active alarms, outbox and error counters of the running daemon", RenderStatus);
        yield return Query("devices", "Each device with its state and the age of its last frame", result => AnsiConsole.Write(DevicesTable(result)));
        var dead = new Option<bool>("--dead") { Description = "List the messages the cloud kept refusing (the dead-letter table), newest first" };
        var outbox = Query("outbox", "Outbox depth, bytes, oldest message age and drop counts", result => AnsiConsole.Write(OutboxTable(result)),
            parse => parse.GetValue(dead) ? "outbox.dead" : "outbox",
            result => AnsiConsole.Write(DeadLettersTable(result)));
        outbox.Options.Add(dead);
        yield return outbox;
    }

    /// <param name="variant">Picks the admin command from the parsed options; the name of the command when absent.</param>
    /// <param name="renderVariant">Renders what a variant command answered.</param>
    private static Command Query(string name, string description, Action<JsonElement> render, Func<ParseResult, string>? variant = null, Action<JsonElement>? renderVariant = null)
    {
        var json = CliOptions.Json();
        var socket = CliOptions.Socket();
        var command = new Command(name, description) { json, socket };
        command.SetAction((parse, cancellationToken) =>
        {
            var asked = variant?.Invoke(parse) ?? name;
            return DaemonRequest.QueryAsync(parse, socket, json, new AdminRequest(asked), asked != name && renderVariant is not null ? renderVariant : render, cancellationToken);
        });
        return command;
    }

    private static void RenderStatus(JsonElement status)
    {
        var uptime = TimeSpan.FromSeconds(status.GetProperty("uptimeSeconds").GetDouble());
        AnsiConsole.MarkupLine($"[bold]edgegw {Text(status, "version")}[/] gateway [bold]{Text(status, "gatewayId")}[/], up {uptime:d\\.hh\\:mm\\:ss}");
        var cloud = status.GetProperty("cloud");
        var endpoint = Text(cloud, "endpoint");
        var link = cloud.GetProperty("connected").GetBoolean() ? "[green]connected[/]"
            : cloud.TryGetProperty("lastError", out var error) ? $"[yellow]not connected[/] ({Markup.Escape(error.GetString() ?? "")})"
            : endpoint.StartsWith("none", StringComparison.Ordinal) ? "" : "[yellow]connecting[/]";
        AnsiConsole.MarkupLine($"cloud: {Markup.Escape(endpoint)} {link}; delivered {cloud.GetProperty("delivered").GetInt64()}");
        AnsiConsole.Write(DevicesTable(status.GetProperty("devices")));
        AnsiConsole.Write(AlarmsTable(status.GetProperty("alarms")));
        AnsiConsole.Write(OutboxTable(status.GetProperty("outbox")));
        var counters = new Table().Title("error and traffic counters").AddColumns("counter", "labels", "value");
        foreach (var counter in status.GetProperty("counters").EnumerateArray())
        {
            var labels = string.Join(", ", counter.GetProperty("tags").EnumerateArray().Select(t => $"{t.GetProperty("key").GetString()}={t.GetProperty("value").GetString()}"));
            counters.AddRow(Markup.Escape(Text(counter, "name")), Markup.Escape(labels), counter.GetProperty("value").GetDouble().ToString("0.###", CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(counters);
    }

    private static Table DevicesTable(JsonElement devices)
    {
        var table = new Table().Title("devices").AddColumns("device", "type", "state", "last frame", "frames", "where", "detail");
        foreach (var device in devices.EnumerateArray())
        {
            var state = Text(device, "state");
            var age = device.TryGetProperty("lastFrameAgeSeconds", out var a) && a.ValueKind == JsonValueKind.Number ? $"{a.GetDouble():0.0} s ago" : "never";
            var location = device.GetProperty("location");
            var where = string.Join(" ", LocationKeys.Select(k => location.TryGetProperty(k, out var v) ? v.GetString() : null).Where(v => v is not null));
            table.AddRow(Markup.Escape(Text(device, "id")), Text(device, "type"), state == "online" ? "[green]online[/]" : $"[yellow]{state}[/]",
                age, device.GetProperty("frames").GetInt64().ToString(CultureInfo.InvariantCulture), Markup.Escape(where), Markup.Escape(device.TryGetProperty("detail", out var d) ? d.GetString() ?? "" : ""));
        }

        return table;
    }

    internal static Table AlarmsTable(JsonElement alarms)
    {
        var table = new Table().Title("active alarms").AddColumns("priority", "alarm", "state", "since", "message");
        foreach (var alarm in alarms.EnumerateArray())
        {
            var priority = Text(alarm, "priority");
            var colour = priority switch { "high" => "red", "medium" => "yellow", _ => "blue" };
            table.AddRow($"[{colour}]{priority}[/]", Markup.Escape(Text(alarm, "alarmId")), Text(alarm, "state"), Text(alarm, "raisedAt"), Markup.Escape(Text(alarm, "message")));
        }

        if (alarms.GetArrayLength() == 0)
        {
            table.AddRow("", "none", "", "", "");
        }

        return table;
    }

    private static Table OutboxTable(JsonElement outbox)
    {
        var table = new Table().Title("outbox").AddColumns("figure", "value");
        table.AddRow("state", outbox.GetProperty("available").GetBoolean() ? "[green]ok[/]" : $"[red]{Markup.Escape(Text(outbox, "problem"))}[/]");
        table.AddRow("depth", $"{outbox.GetProperty("depth").GetInt64()} messages ({outbox.GetProperty("alarmDepth").GetInt64()} alarms)");
        table.AddRow("bytes", $"{outbox.GetProperty("bytes").GetInt64():N0} of {outbox.GetProperty("quotaBytes").GetInt64():N0}");
        table.AddRow("oldest", outbox.TryGetProperty("oldestAgeSeconds", out var oldest) && oldest.ValueKind == JsonValueKind.Number ? $"{oldest.GetDouble():0.0} s" : "-");
        table.AddRow("next seq", outbox.GetProperty("nextSeq").GetInt64().ToString(CultureInfo.InvariantCulture));
        foreach (var dropped in outbox.GetProperty("dropped").EnumerateObject())
        {
            table.AddRow(Markup.Escape(dropped.Name), dropped.Value.GetInt64().ToString(CultureInfo.InvariantCulture));
        }

        return table;
    }

    private static Table DeadLettersTable(JsonElement letters)
    {
        var table = new Table().Title("dead letters (refused by the cloud; newest first)").AddColumns("seq", "id", "kind", "device", "bytes", "refusals", "since", "reason");
        foreach (var letter in letters.EnumerateArray())
        {
            table.AddRow(Text(letter, "seq"), Markup.Escape(Text(letter, "id")), Text(letter, "kind"), Markup.Escape(Text(letter, "deviceId")),
                Text(letter, "bytes"), Text(letter, "refusals"), Text(letter, "deadAt"), Markup.Escape(Text(letter, "reason")));
        }

        if (letters.GetArrayLength() == 0)
        {
            table.AddRow("", "none", "", "", "", "", "", "");
        }

        return table;
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.ToString() : "";
}
