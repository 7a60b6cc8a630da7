using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Telemetry;

namespace EdgeGateway.Cli;

/// <summary>
/// <c>edgegw diag serial PORT [--baud N] [--seconds N] [--json]</c>: listens to an under-mattress sensor for a while
/// and shows each decoded frame and each rejected one with its reason, then a summary. Exit 1 if the port cannot be
/// opened (or vanishes), with the operating system's reason.
/// </summary>
internal static class DiagSerialCommand
{
    public static Command Create()
    {
        var port = new Argument<string>("PORT") { Description = "Serial port of the sensor, e.g. /dev/ttyUSB0" };
        var baud = new Option<int>("--baud") { Description = "Baud rate", DefaultValueFactory = _ => new MattressOptions().Baud };
        var seconds = new Option<int>("--seconds") { Description = "How long to listen, 1..3600", DefaultValueFactory = _ => 10 };
        var json = CliOptions.Json();
        var command = new Command("serial", "Show the decoded frames of an under-mattress sensor, and the rejected ones with their reasons") { port, baud, seconds, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var problems = new List<string>();
            if (parse.GetValue(baud) is < 1200 or > 921_600)
            {
                problems.Add("--baud must be 1200..921600");
            }

            if (parse.GetValue(seconds) is < 1 or > 3600)
            {
                problems.Add("--seconds must be 1..3600");
            }

            if (problems.Count > 0)
            {
                await DiagModbusCommand.WriteUsageErrorsAsync("serial", problems);
                return ExitCodes.InvalidConfig;
            }

            var path = parse.GetValue(port)!;
            var asJson = parse.GetValue(json);
            var frames = 0;
            var rejected = new SortedDictionary<string, int>(StringComparer.Ordinal);
            try
            {
                await foreach (var entry in MattressDiagnostics.ReadAsync(path, parse.GetValue(baud), TimeSpan.FromSeconds(parse.GetValue(seconds)), TimeProvider.System, cancellationToken))
                {
                    if (entry.RejectReason is { } reason)
                    {
                        rejected[reason] = rejected.GetValueOrDefault(reason) + 1;
                    }
                    else
                    {
                        frames++;
                    }

                    Console.WriteLine(asJson ? Json(entry) : Text(entry));
                }
            }
            catch (FileNotFoundException)
            {
                await Console.Error.WriteLineAsync($"edgegw diag serial: cannot open {path}: no such port (check the adapter is plugged in: ls /dev/ttyUSB* /dev/ttyACM*)");
                return ExitCodes.Failed;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                await Console.Error.WriteLineAsync($"edgegw diag serial: cannot read {path}: {e.Message}");
                return ExitCodes.Failed;
            }

            Console.WriteLine(asJson ? SummaryJson(frames, rejected) : SummaryText(frames, rejected));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Text(MattressDiagnosticEntry entry)
    {
        var time = entry.ReceivedAt.UtcDateTime.ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);
        if (entry.Reading is not { } reading)
        {
            return $"{time}  rejected  {entry.RejectReason}: {entry.Detail}";
        }

        var hr = reading.HrBpm is { } h ? $"{h,3} bpm" : "  - bpm";
        var rr = reading.RrBrpm is { } r ? $"{r,2} br/min" : " - br/min";
        var presence = reading.InBed ? "in bed    " : "out of bed";
        return string.Create(CultureInfo.InvariantCulture, $"{time}  frame     HR {hr}  RR {rr}  {presence}  status {Status(reading.BedStatus),-11}  signal {reading.SignalStrength}");
    }

    private static string Status(BedStatus status) => status switch
    {
        BedStatus.Empty => "empty",
        BedStatus.AtRest => "at_rest",
        BedStatus.Moving => "moving",
        _ => "weak_signal",
    };

    /// <summary>One JSON object per line: a frame carries the reading's telemetry fields (docs/telemetry.md), a rejection its reason.</summary>
    private static string Json(MattressDiagnosticEntry entry) => JsonLine(writer =>
    {
        writer.WriteString("ts", TelemetryWriter.FormatTimestamp(entry.ReceivedAt));
        if (entry.Reading is { } reading)
        {
            writer.WriteString("kind", "frame");
            writer.WriteStartObject("data");
            reading.WriteData(writer);
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteString("kind", "rejected");
            writer.WriteString("reason", entry.RejectReason);
            writer.WriteString("detail", entry.Detail);
        }
    });

    private static string SummaryText(int frames, SortedDictionary<string, int> rejected)
    {
        var total = rejected.Values.Sum();
        var reasons = total == 0 ? "" : $" ({string.Join(", ", rejected.Select(r => $"{r.Key} {r.Value}"))})";
        return $"summary: {frames} frames, {total} rejected{reasons}";
    }

    private static string SummaryJson(int frames, SortedDictionary<string, int> rejected) => JsonLine(writer =>
    {
        writer.WriteString("kind", "summary");
        writer.WriteNumber("frames", frames);
        writer.WriteStartObject("rejected");
        foreach (var (reason, count) in rejected)
        {
            writer.WriteNumber(reason, count);
        }

        writer.WriteEndObject();
    });

    private static string JsonLine(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
