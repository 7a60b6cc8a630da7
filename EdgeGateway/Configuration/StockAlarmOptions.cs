using System.ComponentModel.DataAnnotations;
using EdgeGateway.Alarms;

namespace EdgeGateway.Configuration;

/// <summary>Stock under minimum (design.md §5): minimums are set per location in devices[i].stock.</summary>
public sealed class StockAlarmOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Running short of a product is not a patient emergency: low, raised to medium for a crash cart if wanted.</summary>
    [PriorityRange(AlarmPriority.Low, AlarmPriority.Medium)]
    public AlarmPriority Priority { get; set; } = AlarmPriority.Low;

    /// <summary>How long the level must stay under (or back at) the minimum before raising (or clearing); never shorter than the location's window.</summary>
    [Range(0, 86_400, ErrorMessage = "must be 0..86400")]
    public int HoldSeconds { get; set; } = 60;
}
