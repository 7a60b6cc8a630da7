using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>Where the forwarder delivers the outbox (design.md §4.2).</summary>
public sealed class CloudOptions : IValidatableObject
{
    public CloudKind Kind { get; set; } = CloudKind.None;

    public MqttCloudOptions? Mqtt { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Kind == CloudKind.Mqtt && Mqtt is null)
        {
            yield return new ValidationResult("is required when cloud.kind is \"mqtt\"", [nameof(Mqtt)]);
        }
    }
}
