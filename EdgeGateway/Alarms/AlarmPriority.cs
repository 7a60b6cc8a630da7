namespace EdgeGateway.Alarms;

/// <summary>Alarm priority as IEC 60601-1-8 uses it (telemetry: "low" | "medium" | "high").</summary>
public enum AlarmPriority
{
    Low,
    Medium,
    High,
}
