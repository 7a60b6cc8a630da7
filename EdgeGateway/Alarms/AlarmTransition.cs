namespace EdgeGateway.Alarms;

/// <summary>One step of an alarm's lifecycle, as announced locally and forwarded to the cloud.</summary>
public sealed record AlarmTransition(
    string AlarmId,
    string Type,
    string Subject,
    string? DeviceId,
    AlarmPriority Priority,
    AlarmState State,
    DateTimeOffset Timestamp,
    DateTimeOffset RaisedAt,
    string Message,
    IReadOnlyDictionary<string, double> Values,
    string? AcknowledgedBy = null);
