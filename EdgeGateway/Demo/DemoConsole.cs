using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using EdgeGateway.Alarms;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Engine;
using EdgeGateway.Telemetry;
using Spectre.Console;

namespace EdgeGateway.Demo;

/// <summary>
/// The demo's live timeline. For people: every alarm transition at once, coloured by priority, with who
/// acknowledged it; the script's story; the buzzer relay switching; call button presses and device status
/// changes; and the readings of the whole ward summarised on one line every 10 s. With --json, one JSON
/// object per line (alarms as in telemetry, readings at most every 5 s per device). Lines are written by
/// a task of their own, so the engine's thread, which announces, never waits on the terminal.
/// </summary>
internal sealed class DemoConsole : IAlarmAnnunciator
{
    // ANSI SGR parameters (ECMA-48 §8.3.117), joined with ';'.
    private const string Bold = "1;";
    private const string Reverse = "7;";
    private const string Dim = "2;";
    private const string Red = "31;";
    private const string Green = "32;";

    private static readonly TimeSpan JsonReadingEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WardLineEvery = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan TagWindow = TimeSpan.FromSeconds(5);

    private readonly bool _json;
    private readonly bool _colour;
    private readonly TimeProvider _time;
    private readonly IReadOnlyList<string> _deviceIds;
    private readonly Func<bool> _buzzer;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Lock _gate = new();
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _writer;
    private readonly DemoSummary _summary = new();
    private readonly Dictionary<string, DateTimeOffset> _lastShown = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _latest = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, DateTimeOffset>> _tagsSeen = new(StringComparer.Ordinal);
    private DateTimeOffset _lastWardLine;
    private bool _buzzerOn;

    /// <param name="deviceIds">The ward's devices, in the order the ward line lists them.</param>
    /// <param name="buzzer">Whether the buzzer relay is on, read after each transition (the relay is switched before this console hears of it).</param>
    public DemoConsole(bool json, TimeProvider time, IReadOnlyList<string> deviceIds, Func<bool> buzzer)
    {
        _json = json;
        _time = time;
        _deviceIds = deviceIds;
        _buzzer = buzzer;
        _lastWardLine = time.GetUtcNow();
        _colour = !json && !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
            && Environment.GetEnvironmentVariable("TERM") is not (null or "dumb");
        _writer = WriteAsync();
    }

    public long Transitions
    {
        get
        {
            lock (_gate)
            {
                return _summary.Transitions;
            }
        }
    }

    public void Announce(AlarmTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        lock (_gate)
        {
            _summary.Count(transition);
            if (_json)
            {
                Json("alarm", w => TelemetryWriter.WriteAlarm(w, transition));
            }
            else
            {
                var (word, style) = transition.State switch
                {
                    AlarmState.Raised => ("RAISED", Priority(transition.Priority) + Bold),
                    AlarmState.Escalated => ("ESCALATED", Priority(transition.Priority) + Bold + Reverse),
                    AlarmState.Acknowledged => ("ACKNOWLEDGED", Priority(transition.Priority)),
                    _ => ("cleared", Green),
                };
                Human(string.Create(CultureInfo.InvariantCulture,
                    $"{Paint(style, $"{word,-12} {TelemetryWriter.PriorityName(transition.Priority),-6} {transition.Type,-19}")} {transition.Message}"));
            }

            var buzzer = _buzzer();
            if (buzzer != _buzzerOn)
            {
                _buzzerOn = buzzer;
                if (_json)
                {
                    Json("relay", w =>
                    {
                        w.WriteString("name", "buzzer");
                        w.WriteBoolean("on", buzzer);
                    });
                }
                else
                {
                    Human(buzzer ? Paint(Red + Bold, "buzzer ON") + "  (a high-priority alarm is waiting for an acknowledgement)" : "buzzer off");
                }
            }
        }
    }

    public void Observe(DeviceEvent deviceEvent)
    {
        lock (_gate)
        {
            switch (deviceEvent)
            {
                case CallButtonReading call:
                    _summary.CountReading();
                    if (_json)
                    {
                        JsonReading(call);
                    }
                    else
                    {
                        Human($"button  {call.DeviceId} {(call.Event == CallButtonEvent.Pressed ? "pressed" : "cancelled at the bedside")}");
                    }

                    break;
                case Reading reading:
                    _summary.CountReading();
                    if (_json)
                    {
                        var now = _time.GetUtcNow();
                        if (!_lastShown.TryGetValue(reading.DeviceId, out var last) || now - last >= JsonReadingEvery)
                        {
                            _lastShown[reading.DeviceId] = now;
                            JsonReading(reading);
                        }
                    }
                    else
                    {
                        Remember(reading);
                    }

                    break;
                case DeviceStatusChange change:
                    var state = change.State.ToString().ToLowerInvariant();
                    if (_json)
                    {
                        Json("device", w =>
                        {
                            w.WriteString("device", change.DeviceId);
                            w.WriteStartObject("data");
                            w.WriteString("state", state);
                            w.WriteString("detail", change.Detail);
                            w.WriteEndObject();
                        });
                    }
                    else
                    {
                        _latest[change.DeviceId] = state;
                        Human(Paint(Dim, $"device  {change.DeviceId} {state}{(change.Detail is { } detail ? $": {detail}" : "")}"));
                    }

                    break;
            }
        }
    }

    /// <summary>A line of the script's story: what happens on the ward, and so why the alarms that follow.</summary>
    public void Narrate(string text) => Note(text, story: true);

    /// <summary>A line about the demo itself (where things are, what to try).</summary>
    public void Note(string text) => Note(text, story: false);

    /// <summary>The closing table, then the end of output: call once the host has stopped (nothing is announced any more).</summary>
    public async Task FinishAsync(DemoCloudViewer cloud, long outboxLeft, string footprint)
    {
        ArgumentNullException.ThrowIfNull(cloud);
        lock (_gate)
        {
            var closing = $"stopped: {_summary.Readings} readings, {_summary.Transitions} alarm transitions, {cloud.Received} messages reached the cloud " +
                $"({cloud.OfKind("reading")} readings, {cloud.OfKind("alarm")} alarm transitions, {cloud.OfKind("device")} device status), {outboxLeft} left in the outbox; {footprint}";
            if (_json)
            {
                Json("note", w => w.WriteString("message", closing));
                Json("summary", w => WriteSummary(w, cloud, outboxLeft));
            }
            else
            {
                Human(closing);
            }

            _lines.Writer.Complete();
        }

        await _writer;
        if (!_json)
        {
            // Redirected to a file, Spectre would wrap the table at 80 columns.
            if (Console.IsOutputRedirected)
            {
                AnsiConsole.Profile.Width = 120;
            }

            AnsiConsole.Write(SummaryTable(cloud));
        }
    }

    private void Note(string text, bool story)
    {
        lock (_gate)
        {
            if (_json)
            {
                Json("note", w => w.WriteString("message", text));
            }
            else
            {
                Human(story ? Paint(Bold, $"▸ {text}") : text);
            }
        }
    }

    private void JsonReading(Reading reading) =>
        Json("reading", w =>
        {
            w.WriteString("device", reading.DeviceId);
            w.WriteStartObject("data");
            w.WriteString("type", reading.ReadingType);
            reading.WriteData(w);
            w.WriteEndObject();
        });

    /// <summary>Keeps each device's latest reading in words, and every 10 s prints the whole ward on one line.</summary>
    private void Remember(Reading reading)
    {
        var now = _time.GetUtcNow();
        _latest[reading.DeviceId] = reading switch
        {
            VitalsReading { BedStatus: BedStatus.AtRest } vitals => $"HR {vitals.HrBpm?.ToString(CultureInfo.InvariantCulture) ?? "-"} RR {vitals.RrBrpm?.ToString(CultureInfo.InvariantCulture) ?? "-"}",
            VitalsReading vitals => vitals.BedStatus switch
            {
                BedStatus.Empty => "bed empty",
                BedStatus.Moving => "moving",
                _ => "weak signal",
            },
            PressureReading pressure => string.Create(CultureInfo.InvariantCulture, $"{pressure.PressureKpa:0.0} kPa"),
            ModbusPointsReading points => string.Join(", ", points.Points.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Field} {p.Value:0.##}"))),
            TagReading tag => Tags(tag, now),
            _ => reading.ReadingType,
        };
        if (now - _lastWardLine < WardLineEvery)
        {
            return;
        }

        _lastWardLine = now;
        var parts = _deviceIds.Where(_latest.ContainsKey).Select(id => $"{id} {_latest[id]}");
        Human(Paint(Dim, $"ward    {string.Join(" · ", parts)}"));
    }

    private string Tags(TagReading tag, DateTimeOffset now)
    {
        if (!_tagsSeen.TryGetValue(tag.DeviceId, out var seen))
        {
            seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            _tagsSeen.Add(tag.DeviceId, seen);
        }

        seen[tag.Epc.Hex] = now;
        foreach (var gone in seen.Where(s => now - s.Value > TagWindow).Select(s => s.Key).ToList())
        {
            seen.Remove(gone);
        }

        return $"{seen.Count} tags in view";
    }

    private void WriteSummary(Utf8JsonWriter w, DemoCloudViewer cloud, long outboxLeft)
    {
        w.WriteStartArray("alarms");
        foreach (var kind in _summary.Kinds())
        {
            w.WriteStartObject();
            w.WriteString("type", kind);
            w.WriteNumber("raised", _summary.Of(kind, AlarmState.Raised));
            w.WriteNumber("escalated", _summary.Of(kind, AlarmState.Escalated));
            w.WriteNumber("acknowledged", _summary.Of(kind, AlarmState.Acknowledged));
            w.WriteNumber("cleared", _summary.Of(kind, AlarmState.Cleared));
            w.WriteNumber("atCloud", cloud.AlarmsOfType(kind));
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNumber("transitions", _summary.Transitions);
        w.WriteNumber("readings", _summary.Readings);
        w.WriteStartObject("cloud");
        w.WriteNumber("messages", cloud.Received);
        w.WriteNumber("readings", cloud.OfKind("reading"));
        w.WriteNumber("alarms", cloud.OfKind("alarm"));
        w.WriteNumber("devices", cloud.OfKind("device"));
        w.WriteEndObject();
        w.WriteNumber("outboxLeft", outboxLeft);
    }

    private Table SummaryTable(DemoCloudViewer cloud)
    {
        var table = new Table().Title("alarms since the demo started").AddColumns(
            new TableColumn("alarm kind"), new TableColumn("raised").RightAligned(), new TableColumn("escalated").RightAligned(),
            new TableColumn("acknowledged").RightAligned(), new TableColumn("cleared").RightAligned(), new TableColumn("at the cloud").RightAligned());
        foreach (var kind in _summary.Kinds())
        {
            table.AddRow(
                kind,
                Count(_summary.Of(kind, AlarmState.Raised)),
                Count(_summary.Of(kind, AlarmState.Escalated)),
                Count(_summary.Of(kind, AlarmState.Acknowledged)),
                Count(_summary.Of(kind, AlarmState.Cleared)),
                Count(cloud.AlarmsOfType(kind)));
        }

        return table;
    }

    private static string Count(long count) => count == 0 ? "[dim]0[/]" : count.ToString(CultureInfo.InvariantCulture);

    private void Json(string kind, Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("t", Math.Round(Stopwatch.GetElapsedTime(_started).TotalSeconds, 3));
            writer.WriteString("event", kind);
            write(writer);
            writer.WriteEndObject();
        }

        _lines.Writer.TryWrite(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private void Human(string text) =>
        _lines.Writer.TryWrite($"{Stopwatch.GetElapsedTime(_started).TotalSeconds.ToString("+0000.0 s", CultureInfo.InvariantCulture)}  {text}");

    private async Task WriteAsync()
    {
        var output = Console.Out;
        await foreach (var line in _lines.Reader.ReadAllAsync())
        {
            await output.WriteLineAsync(line);
        }

        await output.FlushAsync();
    }

    private static string Priority(AlarmPriority priority) => priority switch
    {
        AlarmPriority.High => Red,
        AlarmPriority.Medium => "33;",
        _ => "36;",
    };

    /// <summary>ANSI SGR colours on a terminal; plain text when redirected or NO_COLOR is set.</summary>
    private string Paint(string style, string text) => _colour ? $"\u001b[{style.TrimEnd(';')}m{text}\u001b[0m" : text;
}
