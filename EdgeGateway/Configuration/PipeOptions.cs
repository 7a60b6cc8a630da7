using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>One pipe between two pressure transmitters (alarms.pipeBurst.pipes[i]), to locate a burst on it.</summary>
public sealed class PipeOptions : IValidatableObject
{
    [Required(ErrorMessage = "is required")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$", ErrorMessage = "must be 1-64 letters, digits, '_' or '-', starting with a letter or digit")]
    public string Id { get; set; } = "";

    /// <summary>The transmitter at 0 m (a pressure device's id).</summary>
    [Required(ErrorMessage = "is required")]
    public string UpstreamDeviceId { get; set; } = "";

    /// <summary>The transmitter at <see cref="LengthM"/>.</summary>
    [Required(ErrorMessage = "is required")]
    public string DownstreamDeviceId { get; set; } = "";

    [Range(1.0, 100_000.0, ErrorMessage = "must be 1..100000")]
    public double LengthM { get; set; }

    /// <summary>Speed of the pressure wave in the water column: about 1000-1400 m/s in steel or ductile iron, 300-500 m/s in plastic.</summary>
    [Range(100.0, 2000.0, ErrorMessage = "must be 100..2000")]
    public double WaveSpeedMps { get; set; } = 1200;

    /// <summary>How often each transmitter is sampled; not set: the slower of the two devices' modbus.pollIntervalMs.</summary>
    [Range(1, 60_000, ErrorMessage = "must be 1..60000")]
    public int? SamplingIntervalMs { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (UpstreamDeviceId.Length > 0 && UpstreamDeviceId == DownstreamDeviceId)
        {
            yield return new ValidationResult("must differ from upstreamDeviceId", [nameof(DownstreamDeviceId)]);
        }
    }
}
