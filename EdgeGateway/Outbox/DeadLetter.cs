using EdgeGateway.Alarms;

namespace EdgeGateway.Outbox;

/// <summary>A message the cloud kept refusing, moved aside so the rest could flow (<c>edgegw outbox --dead</c>).</summary>
public sealed record DeadLetter(
    long Seq,
    string Id,
    MessageKind Kind,
    string? DeviceId,
    AlarmPriority? Priority,
    DateTimeOffset Timestamp,
    long Bytes,
    string Reason,
    int Refusals,
    DateTimeOffset DeadAt);
