using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>Who this gateway is and where it keeps its state.</summary>
public sealed class GatewaySection
{
    /// <summary>Stable id of this box; part of every message id and topic, so letters, digits, '-', '_' and '.' only.</summary>
    [Required(ErrorMessage = "is required")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", ErrorMessage = "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit")]
    public string Id { get; set; } = "";

    /// <summary>Site label copied into telemetry (e.g. the hospital or warehouse).</summary>
    [StringLength(128, ErrorMessage = "must be at most 128 characters")]
    public string? Site { get; set; }

    /// <summary>Directory for the outbox and gateway database (systemd StateDirectory).</summary>
    [Required(ErrorMessage = "is required")]
    [AbsolutePath]
    public string DataDir { get; set; } = "/var/lib/edgegw";

    /// <summary>Capacity of the channel between drivers and the engine; a full channel makes drivers wait (counted).</summary>
    [Range(64, 1_000_000, ErrorMessage = "must be 64..1000000")]
    public int ReadingQueueCapacity { get; set; } = 8192;
}
