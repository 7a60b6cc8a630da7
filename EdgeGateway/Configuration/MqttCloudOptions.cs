using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>A generic MQTT broker as the cloud end.</summary>
public sealed class MqttCloudOptions : IValidatableObject
{
    [Required(ErrorMessage = "is required")]
    [RegularExpression(@"^[A-Za-z0-9.\-:\[\]]{1,253}$", ErrorMessage = "must be a host name or IP address")]
    public string Host { get; set; } = "";

    [Range(1, 65535, ErrorMessage = "must be 1..65535")]
    public int Port { get; set; } = 8883;

    /// <summary>MQTT protocol version: 3.1.1 (<c>"3.1.1"</c>) or 5 (<c>"5"</c>).</summary>
    [RegularExpression(@"^(3\.1\.1|5)$", ErrorMessage = "must be \"3.1.1\" or \"5\"")]
    public string ProtocolVersion { get; set; } = "3.1.1";

    /// <summary>Client id at the broker; defaults to the gateway id.</summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,64}$", ErrorMessage = "must be 1-64 letters, digits, '.', '_' or '-'")]
    public string? ClientId { get; set; }

    /// <summary>The <c>{prefix}</c> of <see cref="TopicLayout"/>.</summary>
    [RegularExpression("^[^#+]{1,128}$", ErrorMessage = "must be 1-128 characters without '#' or '+'")]
    public string TopicPrefix { get; set; } = "edgegw";

    /// <summary>Topic template with <c>{prefix}</c>, <c>{gatewayId}</c>, <c>{kind}</c> (required) and <c>{deviceId}</c>.</summary>
    public string TopicLayout { get; set; } = Cloud.TopicLayout.Default;

    /// <summary>MQTT 5 message expiry: the broker drops a message nobody fetched in this time. Needs protocolVersion 5.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "must be at least 1")]
    public int? MessageExpirySeconds { get; set; }

    /// <summary>Largest payload sent; a bigger message is refused here and dead-lettered (a broker may also announce a smaller limit on MQTT 5).</summary>
    [Range(1024, 268_435_455, ErrorMessage = "must be 1024..268435455")]
    public int MaxMessageBytes { get; set; } = 262_144;

    public bool Tls { get; set; } = true;

    /// <summary>PEM file of the CA that signed the broker's certificate; the system store when absent.</summary>
    [AbsolutePath]
    public string? CaFile { get; set; }

    /// <summary>PEM client certificate and key for mutual TLS.</summary>
    [AbsolutePath]
    public string? ClientCertificateFile { get; set; }

    [AbsolutePath]
    public string? ClientKeyFile { get; set; }

    public string? Username { get; set; }

    /// <summary>File holding the password (a systemd credential); the password is never inline.</summary>
    [AbsolutePath]
    public string? PasswordFile { get; set; }

    [Range(1, 1024, ErrorMessage = "must be 1..1024")]
    public int MaxInFlight { get; set; } = 32;

    [Range(5, 3600, ErrorMessage = "must be 5..3600")]
    public int KeepAliveSeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if ((ClientCertificateFile is null) != (ClientKeyFile is null))
        {
            yield return new ValidationResult("clientCertificateFile and clientKeyFile go together", [ClientCertificateFile is null ? nameof(ClientCertificateFile) : nameof(ClientKeyFile)]);
        }

        if (!Tls && (CaFile is not null || ClientCertificateFile is not null))
        {
            yield return new ValidationResult("is set but tls is false", [CaFile is not null ? nameof(CaFile) : nameof(ClientCertificateFile)]);
        }

        if (Cloud.TopicLayout.Check(TopicLayout) is { } layoutProblem)
        {
            yield return new ValidationResult(layoutProblem, [nameof(TopicLayout)]);
        }

        if (MessageExpirySeconds is not null && ProtocolVersion != "5")
        {
            yield return new ValidationResult("needs protocolVersion \"5\" (MQTT 3.1.1 has no message expiry)", [nameof(MessageExpirySeconds)]);
        }

        if (PasswordFile is not null && Username is null)
        {
            yield return new ValidationResult("a password needs a username", [nameof(Username)]);
        }
    }
}
