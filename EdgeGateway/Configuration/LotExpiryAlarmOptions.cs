using System.ComponentModel.DataAnnotations;
using EdgeGateway.Alarms;

namespace EdgeGateway.Configuration;

/// <summary>Lot near expiry / expired (design.md §5), from the imported product catalog; an expired lot is always high.</summary>
public sealed class LotExpiryAlarmOptions
{
    public bool Enabled { get; set; } = true;

    [PriorityRange(AlarmPriority.Low, AlarmPriority.Medium)]
    public AlarmPriority NearPriority { get; set; } = AlarmPriority.Low;

    /// <summary>Days before expiry that count as near, where a location's minimum sets none (devices[i].stock…nearExpiryDays).</summary>
    [Range(0, 3650, ErrorMessage = "must be 0..3650")]
    public int NearExpiryDays { get; set; } = 30;
}
