using EdgeGateway.Alarms;

namespace EdgeGateway.Outbox;

/// <summary>
/// What an alarm message changes in outbox.db's active_alarms table. It is written in the same transaction
/// as the message, so after any crash the stored active alarms and the transitions handed to the cloud agree.
/// </summary>
/// <param name="Alarm">The alarm as it stands after the transition, or null when it cleared (the row goes).</param>
public sealed record ActiveAlarmChange(string AlarmId, StoredAlarm? Alarm);
