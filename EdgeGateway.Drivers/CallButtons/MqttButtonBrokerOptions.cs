using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Drivers.CallButtons;

/// <summary>
/// An external MQTT broker an MQTT call button publishes to (config <c>devices[i].mqtt.broker</c>): TLS validated
/// against <see cref="CaFile"/> (or the system store), the password only from a file.
/// </summary>
public sealed class MqttButtonBrokerOptions : IValidatableObject
{
    private const string AbsolutePath = "^/.*$";

    [Required(ErrorMessage = "is required")]
    [RegularExpression(@"^[A-Za-z0-9.\-:\[\]]{1,253}$", ErrorMessage = "must be a host name or IP address")]
    public string Host { get; set; } = "";

    [Range(1, 65535, ErrorMessage = "must be 1..65535")]
    public int Port { get; set; } = 8883;

    public bool Tls { get; set; } = true;

    /// <summary>PEM file of the CA that signed the broker's certificate; the system store when absent.</summary>
    [RegularExpression(AbsolutePath, ErrorMessage = "must be an absolute path")]
    public string? CaFile { get; set; }

    public string? Username { get; set; }

    /// <summary>File holding the password (a systemd credential); the password is never inline.</summary>
    [RegularExpression(AbsolutePath, ErrorMessage = "must be an absolute path")]
    public string? PasswordFile { get; set; }

    /// <summary>Client id at the broker; defaults to <c>{gatewayId}-{deviceId}</c>.</summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "must be 1-64 letters, digits, '.', '_' or '-'")]
    public string? ClientId { get; set; }

    [Range(5, 3600, ErrorMessage = "must be 5..3600")]
    public int KeepAliveSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Tls && CaFile is not null)
        {
            yield return new ValidationResult("is set but tls is false", [nameof(CaFile)]);
        }

        if (PasswordFile is not null && Username is null)
        {
            yield return new ValidationResult("a password needs a username", [nameof(Username)]);
        }
    }
}
