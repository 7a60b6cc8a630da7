using System.CommandLine;
using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using EdgeGateway.Admin;
using EdgeGateway.Drivers.Llrp;
using Spectre.Console;

namespace EdgeGateway.Cli;

/// <summary>
/// <c>edgegw diag llrp HOST[:PORT] [--seconds N] [--antennas 1,2] [--json]</c>: a one-shot inventory a
/// technician runs on site (design.md §4.4), without a daemon: connect once, read for N seconds, list
/// each EPC per antenna. A refusal or connection error is one clear line and exit code 1.
/// </summary>
internal static class DiagLlrpCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("HOST[:PORT]") { Description = $"The reader (port {LlrpReaderOptions.DefaultPort} if not given)" };
        var seconds = new Option<int>("--seconds") { Description = "How long the inventory runs", DefaultValueFactory = _ => 5 };
        var antennas = new Option<string?>("--antennas") { Description = "Antenna ids to inventory, comma-separated (default: all)" };
        var json = CliOptions.Json();
        var command = new Command("llrp", "Run an LLRP inventory on a reader and list the EPCs seen (no daemon needed)") { target, seconds, antennas, json };
        seconds.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > 3600)
            {
                result.AddError("--seconds must be 1..3600");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            var text = parse.GetValue(target)!;
            if (!TryParseTarget(text, out var host, out var port) || !TryParseAntennas(parse.GetValue(antennas), out var antennaIds))
            {
                await error.WriteLineAsync($"edgegw: diag llrp: \"{text}\" or --antennas \"{parse.GetValue(antennas)}\" is not valid: give HOST, HOST:PORT or [IPv6]:PORT, and antenna ids 1..65535 separated by commas");
                return ExitCodes.InvalidConfig;
            }

            var options = new LlrpReaderOptions { Host = host, Port = port, Antennas = antennaIds, KeepaliveIntervalMs = 5_000 };
            var duration = TimeSpan.FromSeconds(parse.GetValue(seconds));
            LlrpInventoryResult result;
            try
            {
                result = await LlrpInventoryProbe.RunAsync(options, duration, TimeProvider.System, null, cancellationToken);
            }
            catch (LlrpException e)
            {
                var hint = e.Refusal is not null ? " (is another client, such as the edgegw daemon, connected to it?)" : "";
                await error.WriteLineAsync($"edgegw: diag llrp {host}:{port}: {e.Message}{hint}");
                return ExitCodes.Failed;
            }
            catch (SocketException e)
            {
                await error.WriteLineAsync($"edgegw: diag llrp {host}:{port}: {e.Message}");
                return ExitCodes.Failed;
            }

            if (parse.GetValue(json))
            {
                await output.WriteLineAsync(JsonSerializer.Serialize(new LlrpDiagnosis($"{host}:{port}", duration.TotalSeconds, result.Capabilities, result.Tags), AdminJson.Info<LlrpDiagnosis>(AdminJson.Indented)));
                return ExitCodes.Ok;
            }

            var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output) });
            var reader = result.Capabilities is { } caps
                ? string.Create(CultureInfo.InvariantCulture, $"firmware {caps.FirmwareVersion}, {caps.MaxAntennas} antennas, manufacturer {caps.ManufacturerId}")
                : "capabilities unknown";
            console.MarkupLine(Markup.Escape($"reader {host}:{port} ({reader}); {result.Tags.Count} EPC/antenna pairs in {duration.TotalSeconds:0} s"));
            var table = new Table().AddColumns(new TableColumn("EPC").NoWrap(), new TableColumn("scheme"), new TableColumn("GTIN").NoWrap(), new TableColumn("serial"), new TableColumn("antenna"), new TableColumn("peak RSSI"), new TableColumn("count"));
            foreach (var tag in result.Tags)
            {
                table.AddRow(tag.Epc, tag.Scheme, tag.Gtin ?? "-", Markup.Escape(tag.Serial ?? "-"),
                    tag.AntennaId?.ToString(CultureInfo.InvariantCulture) ?? "-",
                    tag.PeakRssiDbm is { } rssi ? string.Create(CultureInfo.InvariantCulture, $"{rssi} dBm") : "-",
                    tag.Count.ToString(CultureInfo.InvariantCulture));
            }

            console.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    internal static bool TryParseTarget(string text, out string host, out int port)
    {
        host = text;
        port = LlrpReaderOptions.DefaultPort;
        string? portText = null;
        if (text.StartsWith('['))
        {
            var close = text.IndexOf(']', StringComparison.Ordinal);
            if (close < 0)
            {
                return false;
            }

            host = text[1..close];
            portText = close + 1 < text.Length ? (text[close + 1] == ':' ? text[(close + 2)..] : "") : null;
        }
        else if (text.Count(c => c == ':') == 1)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            host = text[..colon];
            portText = text[(colon + 1)..];
        }

        if (portText is not null && !(int.TryParse(portText, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 1 and <= 65535))
        {
            return false;
        }

        return host.Length > 0;
    }

    private static bool TryParseAntennas(string? text, out List<int> antennas)
    {
        // LLRP 1.0.1 §10.2.2 (AISpec): antenna id 0 means every antenna of the reader.
        antennas = [0];
        if (text is null)
        {
            return true;
        }

        antennas = [];
        foreach (var item in text.Split(',', StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(item, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id is < 1 or > 65535)
            {
                return false;
            }

            antennas.Add(id);
        }

        return antennas.Count > 0;
    }
}
