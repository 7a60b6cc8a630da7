namespace EdgeGateway.Alarms;

/// <summary>
/// What a rule reports: the condition behind one alarm key is now present or absent. The engine's
/// <see cref="AlarmBook"/> turns conditions into lifecycle transitions.
/// </summary>
/// <param name="Type">The alarm kind in telemetry, snake_case (<c>device_silent</c>).</param>
/// <param name="Subject">What it is about: a device id, a pipe, a location.</param>
/// <param name="Values">The values that caused it, units in the names (<c>silentSeconds</c>).</param>
/// <param name="EscalationLevel">
/// 0 when first raised; a rule that escalates (an unanswered call at T1, T2, …) reports the same active
/// condition with a higher level, and possibly a higher priority, which the book turns into an escalation.
/// </param>
public sealed record AlarmCondition(
    string Type,
    string Subject,
    string? DeviceId,
    bool Active,
    AlarmPriority Priority,
    string Message,
    IReadOnlyDictionary<string, double> Values,
    int EscalationLevel = 0);
