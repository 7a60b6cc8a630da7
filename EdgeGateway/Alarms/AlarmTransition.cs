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
    string? AcknowledgedBy = null)
{
    /// <summary>
    /// The alarm as the book holds it after this transition, or null once it cleared: what the outbox keeps
    /// in outbox.db's active_alarms table, in the same transaction as this transition's message.
    /// </summary>
    public StoredAlarm? Stored { get; init; }
}
