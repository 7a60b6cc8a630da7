using System.Text;
using EdgeGateway.Alarms;
using EdgeGateway.Outbox;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>Opens real outbox files in a directory and makes drafts of a known size.</summary>
public static class OutboxFixture
{
    public static async Task<OutboxStore> OpenAsync(OutboxSettings settings, TimeProvider? time = null)
    {
        var store = new OutboxStore(settings, time ?? TimeProvider.System, NullLogger<OutboxStore>.Instance, new OutboxMetrics(TestMeters.Create()));
        await store.StartAsync(TestContext.Current.CancellationToken);
        return store;
    }

    public static OutboxSettings Settings(string dataDir) => new(dataDir, "gw-test");

    /// <summary>A draft whose payload records its seq, id and a tag, padded to <paramref name="size"/> bytes.</summary>
    public static OutboxDraft Draft(MessageKind kind, string tag, int size = 200, DateTimeOffset? timestamp = null) =>
        new(kind, "dev-1", kind == MessageKind.Alarm ? AlarmPriority.High : null, timestamp ?? DateTimeOffset.UtcNow,
            (seq, id) => Encoding.UTF8.GetBytes($"{seq}|{id}|{tag}|".PadRight(size, '.')));

    public static string Tag(OutboxRecord record) => Encoding.UTF8.GetString(record.Payload).Split('|')[2];
}
