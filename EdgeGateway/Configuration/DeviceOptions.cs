using System.ComponentModel.DataAnnotations;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Drivers.Modbus;

namespace EdgeGateway.Configuration;

/// <summary>One device the gateway reads (devices[i]).</summary>
public sealed class DeviceOptions : IValidatableObject
{
    [Required(ErrorMessage = "is required")]
    [RegularExpression("^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$", ErrorMessage = "must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit")]
    public string Id { get; set; } = "";

    [RequiredEnum]
    public DeviceType Type { get; set; }

    /// <summary>Where the device is; copied into every message about it.</summary>
    public LocationOptions Location { get; set; } = new();

    /// <summary>
    /// Silence allowed before the device-silent alarm; defaults to alarms.deviceSilent.defaultTimeoutSeconds.
    /// A call button sends nothing until pressed, so it is watched only when this is set.
    /// </summary>
    [Range(1, 86_400, ErrorMessage = "must be 1..86400")]
    public int? SilenceTimeoutSeconds { get; set; }

    /// <summary>For <c>type: "mattress"</c>: this bed's own vitals limits over alarms.vitals.limits (docs/alarms.md).</summary>
    public VitalsLimitOverrides? VitalsLimits { get; set; }

    /// <summary>For <c>type: "mattress"</c>: the serial port of an under-mattress sensor (docs/protocols/mattress.md).</summary>
    public MattressOptions? Mattress { get; set; }

    /// <summary>For <c>type: "callButton"</c>: the GPIO dry contact of a nurse-call button (docs/protocols/call-buttons.md).</summary>
    public CallButtonOptions? Gpio { get; set; }

    /// <summary>For <c>type: "pressure"</c>: the Modbus RTU or TCP transmitter and its register map (docs/protocols/modbus.md).</summary>
    public ModbusDeviceOptions? Modbus { get; set; }

    /// <summary>For <c>type: "rfid"</c>: the LLRP reader (docs/protocols/llrp.md).</summary>
    public LlrpReaderOptions? Llrp { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var sections = new (string Name, object? Value, DeviceType Type)[]
        {
            (nameof(Mattress), Mattress, DeviceType.Mattress),
            (nameof(Gpio), Gpio, DeviceType.CallButton),
            (nameof(Llrp), Llrp, DeviceType.Rfid),
            (nameof(Modbus), Modbus, DeviceType.Pressure),
        };
        foreach (var (name, value, type) in sections)
        {
            if (Type == type && value is null)
            {
                yield return new ValidationResult($"is required for a device of type \"{ConfigNames.Of(type)}\"", [name]);
            }
            else if (Type != type && Type != DeviceType.Unspecified && value is not null)
            {
                yield return new ValidationResult($"does not belong to a device of type \"{ConfigNames.Of(Type)}\"", [name]);
            }
        }

        // The register map must fit the device's profile (a pressure transmitter needs a pressure point in a pressure unit).
        foreach (var error in Modbus?.ValidateProfile(ConfigNames.Of(Type)) ?? [])
        {
            yield return new ValidationResult(error.ErrorMessage, [.. error.MemberNames.Select(m => $"{nameof(Modbus)}.{m}")]);
        }
    }
}
