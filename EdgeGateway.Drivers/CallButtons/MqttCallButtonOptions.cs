using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Drivers.CallButtons;

/// <summary>
/// One MQTT nurse-call button (config <c>devices[i].mqtt</c>); see docs/protocols/call-buttons.md. The button
/// publishes on <see cref="Topic"/>, on the gateway's embedded broker unless <see cref="Broker"/> names another.
/// </summary>
public sealed class MqttCallButtonOptions : IValidatableObject
{
    /// <summary>The exact topic the button publishes on, e.g. <c>ward/3A/bed12/call</c>.</summary>
    [Required(ErrorMessage = "is required")]
    [StringLength(256, ErrorMessage = "must be at most 256 characters")]
    public string Topic { get; set; } = "";

    /// <summary>An external broker to subscribe at; null for the gateway's embedded broker (localBroker).</summary>
    public MqttButtonBrokerOptions? Broker { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // MQTT 3.1.1 §4.7.1: '+' and '#' are wildcards for subscribers; a publisher's topic name has none, and one
        // button is one topic. §4.7.2: topics starting with '$' belong to the broker.
        if (Topic.AsSpan().IndexOfAny('+', '#') >= 0)
        {
            yield return new ValidationResult("must be one exact topic, without the wildcards '+' or '#'", [nameof(Topic)]);
        }
        else if (Topic.StartsWith('$'))
        {
            yield return new ValidationResult("must not start with '$' (reserved for the broker's own topics)", [nameof(Topic)]);
        }
        else if (Topic.Contains('\0', StringComparison.Ordinal))
        {
            yield return new ValidationResult("must not contain a NUL character", [nameof(Topic)]);
        }
    }
}
