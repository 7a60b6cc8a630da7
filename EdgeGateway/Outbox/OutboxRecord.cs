using EdgeGateway.Alarms;

namespace EdgeGateway.Outbox;

/// <summary>A stored message, as the forwarder reads it.</summary>
public sealed record OutboxRecord(
    long Seq,
    string Id,
    MessageKind Kind,
    string? DeviceId,
    AlarmPriority? Priority,
    DateTimeOffset Timestamp,
    byte[] Payload);
