namespace EdgeGateway.Alarms;

/// <summary>
/// An active alarm as it survives a daemon restart (issue 6): what <c>edgegw alarms</c> lists, plus what the
/// book needs to carry on where it stopped. Kept in outbox.db with the message of the transition that made it.
/// </summary>
/// <param name="AnnouncedAt">When it was raised or last escalated: the wait for an acknowledgement goes on from there.</param>
/// <param name="RuleMessage">The rule's own message, without what the book adds (acknowledged by, not acknowledged for).</param>
public sealed record StoredAlarm(ActiveAlarm Alarm, DateTimeOffset AnnouncedAt, string RuleMessage);
