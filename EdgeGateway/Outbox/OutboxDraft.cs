using EdgeGateway.Alarms;

namespace EdgeGateway.Outbox;

/// <summary>
/// A message to append. The payload is built once the outbox has given it its <c>seq</c> and <c>id</c>
/// (both are inside the telemetry JSON), so <paramref name="Payload"/> is a factory.
/// </summary>
public sealed record OutboxDraft(
    MessageKind Kind,
    string? DeviceId,
    AlarmPriority? Priority,
    DateTimeOffset Timestamp,
    Func<long, string, byte[]> Payload)
{
    /// <summary>For an alarm transition: its change to the active alarms that survive a restart, committed with the message.</summary>
    public ActiveAlarmChange? ActiveAlarm { get; init; }
}
