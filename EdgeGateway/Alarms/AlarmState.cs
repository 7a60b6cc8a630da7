namespace EdgeGateway.Alarms;

/// <summary>An alarm's lifecycle (design.md §5): raised → (escalated) → acknowledged → cleared.</summary>
public enum AlarmState
{
    Raised,
    Escalated,
    Acknowledged,
    Cleared,
}
