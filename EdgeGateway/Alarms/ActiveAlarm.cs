namespace EdgeGateway.Alarms;

/// <summary>An alarm that is raised and not yet cleared, as <c>edgegw status</c> lists it.</summary>
/// <param name="EscalationLevel">0 until escalated; each escalation (by its rule or for want of an acknowledgement) raises it.</param>
/// <param name="AcknowledgedBy">Who acknowledged it, while <see cref="State"/> is acknowledged.</param>
public sealed record ActiveAlarm(
    string AlarmId,
    string Type,
    string Subject,
    string? DeviceId,
    AlarmPriority Priority,
    AlarmState State,
    DateTimeOffset RaisedAt,
    string Message,
    IReadOnlyDictionary<string, double> Values,
    int EscalationLevel = 0,
    string? AcknowledgedBy = null,
    DateTimeOffset? AcknowledgedAt = null);
