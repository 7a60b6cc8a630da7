using System.Globalization;
using System.Text.Json;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// Two runs of the built <c>edgegw demo --duration 60s --json --seed 7</c>, side by side (so the class pays a
/// minute once), each in its own data dir: what they printed, parsed.
/// </summary>
public sealed class DemoRuns : IAsyncLifetime
{
    public const int Seed = 7;

    public DemoRun First { get; private set; } = null!;

    public DemoRun Second { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        var runs = await Task.WhenAll(DemoRun.RunAsync(Seed), DemoRun.RunAsync(Seed));
        (First, Second) = (runs[0], runs[1]);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}

/// <summary>One demo run: its exit code, its JSON lines (standard output) and its log lines (standard error).</summary>
public sealed class DemoRun
{
    private DemoRun(int exitCode, IReadOnlyList<string> output)
    {
        ExitCode = exitCode;
        Events = [.. output.Where(l => l.StartsWith('{')).Select(l => JsonDocument.Parse(l).RootElement.Clone())];
        LogLines = [.. output.Where(l => !l.StartsWith('{'))];
    }

    public int ExitCode { get; }

    public IReadOnlyList<JsonElement> Events { get; }

    public IReadOnlyList<string> LogLines { get; }

    /// <summary>The alarm transitions of the first day, in the order they were announced.</summary>
    public IReadOnlyList<JsonElement> FirstDayAlarms =>
        [.. Events.TakeWhile(e => !IsNote(e, "Day 2 ")).Where(e => Kind(e) == "alarm")];

    public IEnumerable<JsonElement> OfKind(string kind) => Events.Where(e => Kind(e) == kind);

    public static async Task<DemoRun> RunAsync(int seed)
    {
        using var dataDir = new TempDirectory();
        await using var demo = EdgegwProcess.Start("demo", "--duration", "60s", "--json", "--seed", seed.ToString(CultureInfo.InvariantCulture), "--data-dir", dataDir.Path);
        var exitCode = await demo.WaitForExitAsync(TimeSpan.FromSeconds(120));
        return new DemoRun(exitCode, demo.Output);
    }

    public static string? Kind(JsonElement e) => e.GetProperty("event").GetString();

    public static string Text(JsonElement e, string property) => e.GetProperty(property).GetString()!;

    private static bool IsNote(JsonElement e, string prefix) => Kind(e) == "note" && Text(e, "message").Contains(prefix, StringComparison.Ordinal);
}
