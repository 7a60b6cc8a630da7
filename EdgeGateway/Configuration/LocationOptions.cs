using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>Location fields copied into telemetry (<c>device.ward</c>, <c>device.room</c>, ...).</summary>
public sealed class LocationOptions
{
    [StringLength(64, ErrorMessage = "must be at most 64 characters")]
    public string? Ward { get; set; }

    [StringLength(64, ErrorMessage = "must be at most 64 characters")]
    public string? Room { get; set; }

    [StringLength(64, ErrorMessage = "must be at most 64 characters")]
    public string? Bed { get; set; }

    /// <summary>Free-form place for non-bed devices: a store room, a pipe segment.</summary>
    [StringLength(128, ErrorMessage = "must be at most 128 characters")]
    public string? Zone { get; set; }
}
