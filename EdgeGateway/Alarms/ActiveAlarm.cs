namespace EdgeGateway.Alarms;

/// <summary>An alarm that is raised and not yet cleared, as <c>edgegw status</c> lists it.</summary>
public sealed record ActiveAlarm(
    string AlarmId,
    string Type,
    string Subject,
    string? DeviceId,
    AlarmPriority Priority,
    AlarmState State,
    DateTimeOffset RaisedAt,
    string Message,
    IReadOnlyDictionary<string, double> Values);
