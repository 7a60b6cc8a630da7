using System.ComponentModel.DataAnnotations;
using System.Text;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// One entry of <c>modbus.points</c>: where a value lives and how to read it, as in an EdgeX device profile.
/// The engineering value is <c>decoded * scale + offset</c>, in <see cref="Unit"/>.
/// </summary>
public sealed class ModbusPointOptions : IValidatableObject
{
    /// <summary>camelCase; with the unit it names the telemetry field (<c>temperature</c> + <c>degC</c> = <c>temperatureDegC</c>).</summary>
    [Required(ErrorMessage = "is required")]
    [RegularExpression("^[a-z][A-Za-z0-9]*$", ErrorMessage = "must be a camelCase name of letters and digits")]
    public string Name { get; set; } = string.Empty;

    /// <summary>3 (holding registers) or 4 (input registers).</summary>
    [AllowedValues(3, 4, ErrorMessage = "must be 3 or 4")]
    public int Function { get; set; } = 3;

    /// <summary>Zero-based register address on the wire (PDU address, Application Protocol V1.1b3 §4.4).</summary>
    [Range(0, 65535, ErrorMessage = "must be 0..65535")]
    public int Address { get; set; }

    public RegisterType Type { get; set; } = RegisterType.Float32;

    public WordOrder WordOrder { get; set; } = WordOrder.ABCD;

    public double Scale { get; set; } = 1.0;

    public double Offset { get; set; }

    /// <summary>The unit after scaling, e.g. <c>kPa</c>, <c>bar</c>, <c>mA</c>, <c>degC</c>.</summary>
    [Required(ErrorMessage = "is required")]
    public string Unit { get; set; } = string.Empty;

    /// <summary>For a 4-20 mA pressure point: the pressure at 4 mA.</summary>
    public double? RangeMinKpa { get; set; }

    /// <summary>For a 4-20 mA pressure point: the pressure at 20 mA.</summary>
    public double? RangeMaxKpa { get; set; }

    /// <summary>The telemetry field this point writes: name followed by the unit's letters and digits.</summary>
    public string FieldName
    {
        get
        {
            var unit = new StringBuilder();
            foreach (var c in Unit == "%" ? "Pct" : Unit)
            {
                if (char.IsAsciiLetterOrDigit(c))
                {
                    unit.Append(unit.Length == 0 ? char.ToUpperInvariant(c) : c);
                }
            }

            return Name + unit;
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Address + RegisterCodec.RegisterCount(Type) - 1 > 65535)
        {
            yield return new ValidationResult($"a {Type} at {Address} runs past register 65535", [nameof(Address)]);
        }

        if (!double.IsFinite(Scale) || Scale == 0)
        {
            yield return new ValidationResult("must be a finite, non-zero number", [nameof(Scale)]);
        }

        if (!double.IsFinite(Offset))
        {
            yield return new ValidationResult("must be a finite number", [nameof(Offset)]);
        }
    }
}
