using System.ComponentModel.DataAnnotations;
using EdgeGateway.Alarms;

namespace EdgeGateway.Configuration;

/// <summary>An alarm priority within the bounds that make clinical sense for its rule (docs/alarms.md).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class PriorityRangeAttribute(AlarmPriority lowest, AlarmPriority highest) : ValidationAttribute
{
    public AlarmPriority Lowest { get; } = lowest;

    public AlarmPriority Highest { get; } = highest;

    public override bool IsValid(object? value) => value is AlarmPriority p && p >= Lowest && p <= Highest;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        ArgumentNullException.ThrowIfNull(validationContext);
        if (IsValid(value))
        {
            return ValidationResult.Success;
        }

        var allowed = Enum.GetValues<AlarmPriority>().Where(p => p >= Lowest && p <= Highest).Select(p => RequiredEnumAttribute.CamelCase(p.ToString()));
        return new ValidationResult($"must be {string.Join(" or ", allowed)}", [validationContext.MemberName ?? ""]);
    }
}
