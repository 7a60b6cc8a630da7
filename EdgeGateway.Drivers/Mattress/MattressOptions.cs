using System.ComponentModel.DataAnnotations;
using System.IO.Ports;

namespace EdgeGateway.Drivers.Mattress;

/// <summary>
/// The serial settings of one under-mattress sensor (config <c>devices[i].mattress</c>). The defaults are the
/// line settings of docs/protocols/mattress.md §2.
/// </summary>
public sealed class MattressOptions : IValidatableObject
{
    /// <summary>The serial device, preferably a stable udev link such as <c>/dev/serial/by-id/usb-FTDI_…-if00-port0</c>.</summary>
    [Required(ErrorMessage = "is required")]
    public string Port { get; set; } = "";

    [Range(1200, 921_600, ErrorMessage = "must be 1200..921600")]
    public int Baud { get; set; } = 115_200;

    public Parity Parity { get; set; } = Parity.None;

    [Range(7, 8, ErrorMessage = "must be 7 or 8")]
    public int DataBits { get; set; } = 8;

    public StopBits StopBits { get; set; } = StopBits.One;

    /// <summary>First delay before reopening a lost or unopenable port; doubles (with jitter) on each failure.</summary>
    [Range(10, 60_000, ErrorMessage = "must be 10..60000")]
    public int ReconnectInitialDelayMs { get; set; } = 500;

    /// <summary>The cap of the reconnect delay, so an unplugged sensor is retried at least this often.</summary>
    [Range(100, 600_000, ErrorMessage = "must be 100..600000")]
    public int ReconnectMaxDelayMs { get; set; } = 30_000;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (StopBits == StopBits.None)
        {
            yield return new ValidationResult("must be One, OnePointFive or Two", [nameof(StopBits)]);
        }

        if (ReconnectMaxDelayMs < ReconnectInitialDelayMs)
        {
            yield return new ValidationResult("must not be less than reconnectInitialDelayMs", [nameof(ReconnectMaxDelayMs)]);
        }
    }
}
