using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>One device the gateway reads (devices[i]).</summary>
public sealed class DeviceOptions
{
    [Required(ErrorMessage = "is required")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", ErrorMessage = "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit")]
    public string Id { get; set; } = "";

    [RequiredEnum]
    public DeviceType Type { get; set; }

    /// <summary>Where the device is; copied into every message about it.</summary>
    public LocationOptions Location { get; set; } = new();

    /// <summary>Silence allowed before the device-silent alarm; defaults to alarms.deviceSilent.defaultTimeoutSeconds.</summary>
    [Range(1, 86_400, ErrorMessage = "must be 1..86400")]
    public int? SilenceTimeoutSeconds { get; set; }
}
