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

    /// <summary>For <c>type: "callButton"</c>, instead of <see cref="Gpio"/>: an MQTT button's topic and broker (docs/protocols/call-buttons.md).</summary>
    public MqttCallButtonOptions? Mqtt { get; set; }

    /// <summary>For <c>type: "pressure"</c> or <c>"modbus"</c>: the Modbus RTU or TCP device and its register map (docs/protocols/modbus.md).</summary>
    public ModbusDeviceOptions? Modbus { get; set; }

    /// <summary>For <c>type: "rfid"</c>: the LLRP reader (docs/protocols/llrp.md).</summary>
    public LlrpReaderOptions? Llrp { get; set; }

    /// <summary>For <c>type: "rfid"</c>: which antenna watches which stock location (docs/configuration.md).</summary>
    public StockOptions? Stock { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var sections = new (string Name, object? Value, DeviceType[] Types)[]
        {
            (nameof(Mattress), Mattress, [DeviceType.Mattress]),
            (nameof(Gpio), Gpio, [DeviceType.CallButton]),
            (nameof(Mqtt), Mqtt, [DeviceType.CallButton]),
            (nameof(Llrp), Llrp, [DeviceType.Rfid]),
            (nameof(Modbus), Modbus, [DeviceType.Pressure, DeviceType.Modbus]),
        };
        foreach (var (name, value, types) in sections)
        {
            // A call button needs one of gpio or mqtt; a missing one is reported once, on gpio.
            var optional = name == nameof(Mqtt) || (name == nameof(Gpio) && Mqtt is not null);
            var belongs = types.Contains(Type);
            if (belongs && value is null && !optional)
            {
                var alternative = Type == DeviceType.CallButton ? " (or an mqtt section for an MQTT button)" : "";
                yield return new ValidationResult($"is required for a device of type \"{ConfigNames.Of(Type)}\"{alternative}", [name]);
            }
            else if (!belongs && Type != DeviceType.Unspecified && value is not null)
            {
                yield return new ValidationResult($"does not belong to a device of type \"{ConfigNames.Of(Type)}\"", [name]);
            }
        }

        if (Stock is not null && Type != DeviceType.Rfid && Type != DeviceType.Unspecified)
        {
            yield return new ValidationResult($"does not belong to a device of type \"{ConfigNames.Of(Type)}\"", [nameof(Stock)]);
        }
        else if (Stock is not null && Llrp?.Antennas is { } antennas)
        {
            foreach (var error in Stock.ValidateAgainst(antennas))
            {
                yield return new ValidationResult(error.ErrorMessage, [.. error.MemberNames.Select(m => $"{nameof(Stock)}.{m}")]);
            }
        }

        // A call button is wired one way: a dry contact on GPIO, or an MQTT button.
        if (Gpio is not null && Mqtt is not null)
        {
            yield return new ValidationResult("cannot be combined with gpio: a call button is either a GPIO contact or an MQTT button", [nameof(Mqtt)]);
        }

        // The register map must fit the device's profile (a pressure transmitter needs a pressure point in a pressure unit).
        foreach (var error in Modbus?.ValidateProfile(ConfigNames.Of(Type)) ?? [])
        {
            yield return new ValidationResult(error.ErrorMessage, [.. error.MemberNames.Select(m => $"{nameof(Modbus)}.{m}")]);
        }
    }
}
