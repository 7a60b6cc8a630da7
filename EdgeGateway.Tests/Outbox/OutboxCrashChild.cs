using EdgeGateway.Outbox;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Outbox;

/// <summary>
/// Appends as fast as it can from many concurrent appenders and prints "ack SEQ TAG" for each append the
/// outbox reported durable, until it is killed.
/// </summary>
internal static class OutboxCrashChild
{
    public const string Flag = "--outbox-crash-child";
    private const int Appenders = 64;

    public static async Task<int> RunAsync(string dataDir)
    {
        var store = new OutboxStore(OutboxFixture.Settings(dataDir), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<OutboxStore>.Instance, new OutboxMetrics(TestMeters.Create()));
        await store.StartAsync(CancellationToken.None);
        var stdout = Console.Out;
        var gate = new Lock();
        await stdout.WriteLineAsync("ready");
        await stdout.FlushAsync();
        var appenders = Enumerable.Range(0, Appenders).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; ; i++)
            {
                var tag = $"w{worker}-{i}";
                var seq = await store.AppendAsync(OutboxFixture.Draft(MessageKind.Reading, tag), CancellationToken.None);
                lock (gate)
                {
                    stdout.WriteLine($"ack {seq} {tag}");
                    stdout.Flush();
                }
            }
        }));
        await Task.WhenAll(appenders);
        return 0;
    }
}
