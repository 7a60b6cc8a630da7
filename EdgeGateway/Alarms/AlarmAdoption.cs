namespace EdgeGateway.Alarms;

/// <summary>What a rule makes of an alarm that was active before a restart (<see cref="IAlarmRule.Adopt"/>).</summary>
public enum AlarmAdoption
{
    /// <summary>Another rule's alarm type.</summary>
    NotThisRule,

    /// <summary>The rule has taken it over as if it had raised it itself.</summary>
    Adopted,

    /// <summary>This rule's type, but what it is about (a pipe, a threshold, a stock minimum, a watched device) is no longer configured.</summary>
    SubjectRemoved,
}
