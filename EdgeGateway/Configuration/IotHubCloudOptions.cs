using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>
/// Azure IoT Hub as the cloud end (design.md §4.2), spoken as its documented MQTT device protocol. One way
/// to authenticate: a device key file (SAS tokens), a device connection string file, or an X.509 client certificate.
/// </summary>
public sealed class IotHubCloudOptions : IValidatableObject
{
    /// <summary>The hub, e.g. <c>ward-hub.azure-devices.net</c>; may come from the connection string instead.</summary>
    [RegularExpression(@"^[A-Za-z0-9.\-]{1,253}$", ErrorMessage = "must be a host name")]
    public string? HostName { get; set; }

    /// <summary>The device identity in the hub (the MQTT client id); may come from the connection string instead.</summary>
    [RegularExpression(@"^[A-Za-z0-9\-.%_*?!(),:=@$']{1,128}$", ErrorMessage = "must be 1-128 characters IoT Hub allows in a device id")]
    public string? DeviceId { get; set; }

    /// <summary>File holding the device's base64 shared access key (a systemd credential).</summary>
    [AbsolutePath]
    public string? SharedAccessKeyFile { get; set; }

    /// <summary>File holding <c>HostName=…;DeviceId=…;SharedAccessKey=…</c>.</summary>
    [AbsolutePath]
    public string? ConnectionStringFile { get; set; }

    /// <summary>PEM device certificate and key for X.509 authentication.</summary>
    [AbsolutePath]
    public string? ClientCertificateFile { get; set; }

    [AbsolutePath]
    public string? ClientKeyFile { get; set; }

    /// <summary>PEM CA the hub's certificate must chain to; the system store (DigiCert Global Root G2) when absent.</summary>
    [AbsolutePath]
    public string? CaFile { get; set; }

    public IotHubTransport Transport { get; set; } = IotHubTransport.Mqtt;

    /// <summary>8883 for MQTT, 443 for WebSocket when not set.</summary>
    [Range(1, 65535, ErrorMessage = "must be 1..65535")]
    public int? Port { get; set; }

    /// <summary>Lifetime of each SAS token; a new one is made by reconnecting <see cref="TokenRenewalMarginSeconds"/> before it expires.</summary>
    [Range(5, 1440, ErrorMessage = "must be 5..1440")]
    public int TokenLifetimeMinutes { get; set; } = 60;

    [Range(30, 3600, ErrorMessage = "must be 30..3600")]
    public int TokenRenewalMarginSeconds { get; set; } = 300;

    [Range(1, 1024, ErrorMessage = "must be 1..1024")]
    public int MaxInFlight { get; set; } = 32;

    /// <summary>Device-to-cloud sends per second at most: set it to the hub tier's throttle (0: as fast as acknowledgements come).</summary>
    [Range(0, 100_000, ErrorMessage = "must be 0..100000")]
    public int MaxMessagesPerSecond { get; set; } = 100;

    [Range(30, 1740, ErrorMessage = "must be 30..1740")]
    public int KeepAliveSeconds { get; set; } = 230;

    public int EffectivePort => Port ?? (Transport == IotHubTransport.WebSocket ? 443 : 8883);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var ways = (SharedAccessKeyFile is null ? 0 : 1) + (ConnectionStringFile is null ? 0 : 1) + (ClientCertificateFile is null ? 0 : 1);
        if (ways != 1)
        {
            yield return new ValidationResult("set exactly one of sharedAccessKeyFile, connectionStringFile or clientCertificateFile", [nameof(SharedAccessKeyFile)]);
        }

        if ((ClientCertificateFile is null) != (ClientKeyFile is null))
        {
            yield return new ValidationResult("clientCertificateFile and clientKeyFile go together", [ClientCertificateFile is null ? nameof(ClientCertificateFile) : nameof(ClientKeyFile)]);
        }

        if (ConnectionStringFile is null && HostName is null)
        {
            yield return new ValidationResult("is required unless connectionStringFile gives it", [nameof(HostName)]);
        }

        if (ConnectionStringFile is null && DeviceId is null)
        {
            yield return new ValidationResult("is required unless connectionStringFile gives it", [nameof(DeviceId)]);
        }

        if (TokenRenewalMarginSeconds >= TokenLifetimeMinutes * 60)
        {
            yield return new ValidationResult("must be shorter than tokenLifetimeMinutes", [nameof(TokenRenewalMarginSeconds)]);
        }
    }
}
