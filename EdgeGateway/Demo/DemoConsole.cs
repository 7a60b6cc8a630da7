using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using EdgeGateway.Alarms;
using EdgeGateway.Drivers;
using EdgeGateway.Engine;
using EdgeGateway.Telemetry;

namespace EdgeGateway.Demo;

/// <summary>
/// The demo's live timeline: every alarm transition at once, and each device's readings at most every few
/// seconds so the screen stays readable. With --json, one JSON object per line for scripts.
/// </summary>
internal sealed class DemoConsole(bool json, TimeProvider time) : IAlarmAnnunciator
{
    private static readonly TimeSpan ReadingEvery = TimeSpan.FromSeconds(5);

    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly Dictionary<string, DateTimeOffset> _lastShown = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public long Readings { get; private set; }

    public long Transitions { get; private set; }

    public void Announce(AlarmTransition transition)
    {
        lock (_gate)
        {
            Transitions++;
            if (json)
            {
                Line(w =>
                {
                    w.WriteString("event", "alarm");
                    TelemetryWriter.WriteAlarm(w, transition);
                });
                return;
            }

            var mark = transition.State switch
            {
                AlarmState.Raised => "ALARM",
                AlarmState.Escalated => "ESCAL",
                AlarmState.Acknowledged => "ACK  ",
                _ => "clear",
            };
            Console.WriteLine($"{Elapsed()}  {mark} {TelemetryWriter.PriorityName(transition.Priority),-6} {transition.Type,-16} {transition.Subject,-14} {transition.Message}");
        }
    }

    public void Observe(DeviceEvent deviceEvent)
    {
        lock (_gate)
        {
            switch (deviceEvent)
            {
                case Reading reading:
                    Readings++;
                    var now = time.GetUtcNow();
                    if (_lastShown.TryGetValue(reading.DeviceId, out var last) && now - last < ReadingEvery)
                    {
                        return;
                    }

                    _lastShown[reading.DeviceId] = now;
                    Show("reading", reading.DeviceId, w =>
                    {
                        w.WriteString("type", reading.ReadingType);
                        reading.WriteData(w);
                    });
                    break;
                case DeviceStatusChange change:
                    Show("device", change.DeviceId, w =>
                    {
                        w.WriteString("state", change.State.ToString().ToLowerInvariant());
                        w.WriteString("detail", change.Detail);
                    });
                    break;
            }
        }
    }

    public void Note(string message)
    {
        lock (_gate)
        {
            if (json)
            {
                Line(w =>
                {
                    w.WriteString("event", "note");
                    w.WriteString("message", message);
                });
            }
            else
            {
                Console.WriteLine($"{Elapsed()}  {message}");
            }
        }
    }

    private void Show(string kind, string deviceId, Action<Utf8JsonWriter> data)
    {
        if (json)
        {
            Line(w =>
            {
                w.WriteString("event", kind);
                w.WriteString("device", deviceId);
                w.WriteStartObject("data");
                data(w);
                w.WriteEndObject();
            });
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            data(writer);
            writer.WriteEndObject();
        }

        Console.WriteLine($"{Elapsed()}  {kind,-7} {deviceId,-14} {System.Text.Encoding.UTF8.GetString(buffer.ToArray())}");
    }

    private void Line(Action<Utf8JsonWriter> write)
    {
        using var stdout = Console.OpenStandardOutput();
        using (var writer = new Utf8JsonWriter(stdout))
        {
            writer.WriteStartObject();
            writer.WriteNumber("t", Math.Round(Stopwatch.GetElapsedTime(_started).TotalSeconds, 3));
            write(writer);
            writer.WriteEndObject();
        }

        stdout.Write("\n"u8);
    }

    private string Elapsed() => Stopwatch.GetElapsedTime(_started).TotalSeconds.ToString("+0000.0 s", CultureInfo.InvariantCulture);
}
