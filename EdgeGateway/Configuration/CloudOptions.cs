using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>Where the forwarder delivers the outbox (design.md §4.2).</summary>
public sealed class CloudOptions : IValidatableObject
{
    public CloudKind Kind { get; set; } = CloudKind.None;

    public MqttCloudOptions? Mqtt { get; set; }

    public IotHubCloudOptions? IotHub { get; set; }

    /// <summary>Times the cloud may refuse one message (too large, not authorised, ...) before it goes to the dead-letter table.</summary>
    [Range(1, 1000, ErrorMessage = "must be 1..1000")]
    public int MaxRefusals { get; set; } = 5;

    /// <summary>Cap of the reconnect delay (exponential from 1 s, with jitter): how late delivery resumes at worst once the link is back.</summary>
    [Range(1, 3600, ErrorMessage = "must be 1..3600")]
    public int ReconnectMaxDelaySeconds { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind == CloudKind.Mqtt && Mqtt is null)
        {
            yield return new ValidationResult("is required when cloud.kind is \"mqtt\"", [nameof(Mqtt)]);
        }

        if (Kind == CloudKind.IotHub && IotHub is null)
        {
            yield return new ValidationResult("is required when cloud.kind is \"iotHub\"", [nameof(IotHub)]);
        }
    }
}
