using System.Text.Json;
using System.Text.RegularExpressions;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Drivers.Serial;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Cli;

/// <summary><c>edgegw diag serial</c> as a technician runs it: the built edgegw on a pseudo-terminal.</summary>
public sealed partial class DiagSerialCommandTests
{
    [Fact]
    public async Task Frames_of_a_simulated_sensor_are_shown_as_json_lines_with_a_summary()
    {
        var ct = TestContext.Current.CancellationToken;
        using var dir = new TempDirectory();
        using var sensor = new MattressSimulator(dir.File("bed.tty"), TimeProvider.System, seed: 7);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var simulation = sensor.RunAsync(stop.Token);

        var (exit, output) = await EdgegwProcess.RunAsync(null, "diag", "serial", sensor.PortPath, "--seconds", "3", "--json");
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => simulation);

        Assert.Equal(0, exit);
        var lines = output.Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var frames = lines.Where(l => l.GetProperty("kind").GetString() == "frame").ToList();
        // At least the frames of the 3 s window (1 per second); more if the pty buffered some while edgegw started.
        Assert.True(frames.Count >= 2, $"{frames.Count} frames");
        Assert.All(frames, f =>
        {
            var data = f.GetProperty("data");
            Assert.Equal("in_bed", data.GetProperty("presence").GetString());
            Assert.InRange(data.GetProperty("hrBpm").GetInt32(), 40, 120);
            Assert.InRange(data.GetProperty("rrBrpm").GetInt32(), 6, 30);
        });
        var summary = lines[^1];
        Assert.Equal("summary", summary.GetProperty("kind").GetString());
        Assert.Equal(frames.Count, summary.GetProperty("frames").GetInt32());
        Assert.Equal(lines.Count - 1, frames.Count + summary.GetProperty("rejected").EnumerateObject().Sum(r => r.Value.GetInt32()));
    }

    [Fact]
    public async Task Decoded_and_rejected_frames_are_listed_with_their_reasons()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pty = PseudoTerminal.Open();
        await using var diag = EdgegwProcess.Start("diag", "serial", pty.DevicePath, "--seconds", "2");

        // The port may be opened (and its input flushed) at any moment: keep the sensor talking until a frame shows.
        var shown = diag.WaitForLineAsync(l => l.Contains("frame ", StringComparison.Ordinal), TimeSpan.FromSeconds(20));
        while (!shown.IsCompleted)
        {
            await pty.WriteAsync(MattressFrames.Concat(MattressFrames.AtRest, MattressFrames.Ascii("zz"), MattressFrames.BedEmpty), ct);
            await Task.WhenAny(shown, Task.Delay(50, ct));
        }

        await shown;
        Assert.Equal(0, await diag.WaitForExitAsync(TimeSpan.FromSeconds(20)));
        var output = diag.Output;
        Assert.Contains(output, l => FrameLine().IsMatch(l) && l.EndsWith("  frame     HR  62 bpm  RR 14 br/min  in bed      status at_rest      signal 1650", StringComparison.Ordinal));
        Assert.Contains(output, l => l.EndsWith("  frame     HR   - bpm  RR  - br/min  out of bed  status empty        signal 0", StringComparison.Ordinal));
        Assert.Contains(output, l => FrameLine().IsMatch(l) && l.EndsWith("  rejected  garbage: bytes outside a frame", StringComparison.Ordinal));
        var summary = SummaryLine().Match(output[^1]);
        Assert.True(summary.Success, output[^1]);
        Assert.Equal(output.Count(l => l.Contains("  frame  ", StringComparison.Ordinal)), int.Parse(summary.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(output.Count(l => l.Contains("  rejected  ", StringComparison.Ordinal)), int.Parse(summary.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task A_missing_port_is_named_and_exits_1()
    {
        var (exit, output) = await EdgegwProcess.RunAsync(null, "diag", "serial", "/dev/edgegw-no-such-port", "--seconds", "1");

        Assert.Equal(1, exit);
        Assert.Equal("edgegw diag serial: cannot open /dev/edgegw-no-such-port: no such port (check the adapter is plugged in: ls /dev/ttyUSB* /dev/ttyACM*)", output);
    }

    [GeneratedRegex(@"^\d\d:\d\d:\d\d\.\d{3}  ")]
    private static partial Regex FrameLine();

    [GeneratedRegex(@"^summary: (\d+) frames, (\d+) rejected \((.*garbage \d+.*)\)$")]
    private static partial Regex SummaryLine();
}
