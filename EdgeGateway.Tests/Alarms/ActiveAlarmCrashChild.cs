using EdgeGateway.Alarms;
using EdgeGateway.Outbox;
using EdgeGateway.Telemetry;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Alarms;

/// <summary>
/// Runs alarms through their whole lifecycle on 20 beds (raise, escalate, acknowledge, clear) with readings
/// in between, appending every transition as the engine does, and prints "durable N" after each group of
/// appends the outbox reported durable, until it is killed.
/// </summary>
internal static class ActiveAlarmCrashChild
{
    public const string Flag = "--active-alarm-crash-child";
    private const int Beds = 20;

    public static async Task<int> RunAsync(string dataDir)
    {
        var store = new OutboxStore(OutboxFixture.Settings(dataDir), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<OutboxStore>.Instance, new OutboxMetrics(TestMeters.Create()));
        await store.StartAsync(CancellationToken.None);
        var telemetry = new TelemetryWriter("gw-test", null, []);
        var book = new AlarmBook();
        var random = new Random(Environment.ProcessId);
        var stdout = Console.Out;
        await stdout.WriteLineAsync("ready");
        await stdout.FlushAsync();
        for (var group = 0; ; group++)
        {
            var durable = new List<Task<long>>();
            for (var i = 0; i < 50; i++)
            {
                var bed = $"bed-{random.Next(Beds)}";
                var now = TimeProvider.System.GetUtcNow();
                var active = book.Active.FirstOrDefault(a => a.Subject == bed);
                var transition = (active, random.Next(3)) switch
                {
                    (null, _) => book.Apply(Condition(bed, active: true, level: 0), now),
                    ({ State: AlarmState.Raised or AlarmState.Escalated }, 0) => book.Acknowledge(active.AlarmId, "nurse.jones", now),
                    (_, 1) => book.Apply(Condition(bed, active: true, level: active.EscalationLevel + 1), now),
                    _ => book.Apply(Condition(bed, active: false, level: 0), now),
                };
                if (transition is not null)
                {
                    durable.Add(store.TryAppend(telemetry.AlarmDraft(transition))!);
                }

                durable.Add(store.TryAppend(OutboxFixture.Draft(MessageKind.Reading, $"g{group}-{i}"))!);
            }

            await Task.WhenAll(durable);
            await stdout.WriteLineAsync($"durable {group}");
            await stdout.FlushAsync();
        }
    }

    private static AlarmCondition Condition(string bed, bool active, int level) =>
        new(CallEscalationRule.AlarmType, bed, bed, active, AlarmPriority.Medium, "call", new Dictionary<string, double> { ["waitedSeconds"] = level }, level);
}
