using System.Diagnostics;
using EdgeGateway.Tests.Fixtures;
using static EdgeGateway.Tests.Fixtures.OutboxFixture;

namespace EdgeGateway.Tests.Outbox;

public sealed class OutboxCrashTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Every_acknowledged_append_survives_SIGKILL_and_seq_keeps_increasing_across_20_crashes()
    {
        var ct = TestContext.Current.CancellationToken;
        var random = new Random(20261124);
        long highestSeq = 0;
        for (var round = 0; round < 20; round++)
        {
            // Kill after a random number of acknowledgements: early, mid-batch, or deep into a run.
            var killAfter = random.Next(1, 4000);
            var acks = await RunChildUntilKilledAsync(killAfter, ct);
            Assert.True(acks.Count >= killAfter, $"round {round}: the child acknowledged only {acks.Count} appends");

            await using var store = await OpenAsync(Settings(_dir.Path));
            var stored = await store.ReadAsync(0, int.MaxValue, ct);
            var tagBySeq = stored.ToDictionary(r => r.Seq, Tag);
            var lost = acks.Where(a => !tagBySeq.TryGetValue(a.Seq, out var tag) || tag != a.Tag).ToList();
            Assert.True(lost.Count == 0, $"round {round}: {lost.Count} of {acks.Count} acknowledged appends lost after SIGKILL, e.g. seq {lost.FirstOrDefault().Seq}");
            Assert.True(acks.Min(a => a.Seq) > highestSeq, $"round {round}: seq went back to {acks.Min(a => a.Seq)} after {highestSeq}");
            highestSeq = stored.Max(r => r.Seq);

            // The cloud takes everything, as the forwarder would; the next round must still continue above.
            await store.AcknowledgeAsync(stored.Select(r => r.Seq).ToList(), ct);
        }
    }

    private async Task<List<(long Seq, string Tag)>> RunChildUntilKilledAsync(int killAfter, CancellationToken ct)
    {
        var start = new ProcessStartInfo("dotnet", ["exec", Path.Combine(AppContext.BaseDirectory, "EdgeGateway.Tests.dll"), OutboxCrashChild.Flag, _dir.Path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var child = Process.Start(start)!;
        var acks = new List<(long, string)>();
        try
        {
            while (await child.StandardOutput.ReadLineAsync(ct) is { } line)
            {
                if (!line.StartsWith("ack ", StringComparison.Ordinal))
                {
                    continue;
                }

                var parts = line.Split(' ');
                acks.Add((long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]));
                if (acks.Count >= killAfter)
                {
                    break;
                }
            }
        }
        finally
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync(ct);
        }

        // Lines the child wrote before it died are acknowledgements too.
        while (await child.StandardOutput.ReadLineAsync(ct) is { } rest)
        {
            var parts = rest.Split(' ');
            if (parts.Length == 3 && parts[0] == "ack")
            {
                acks.Add((long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2]));
            }
        }

        Assert.True(acks.Count > 0, $"the child acknowledged nothing: {await child.StandardError.ReadToEndAsync(ct)}");
        return acks;
    }
}
