using System.ComponentModel.DataAnnotations;
using System.Text.Json;

namespace EdgeGateway.Configuration;

/// <summary>An enum property whose zero value means "not set" and is therefore an error.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class RequiredEnumAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) => value is Enum e && Convert.ToInt64(e, System.Globalization.CultureInfo.InvariantCulture) != 0;

    protected override ValidationResult? IsValid(object? value, ValidationContext validationContext)
    {
        if (IsValid(value))
        {
            return ValidationResult.Success;
        }

        var names = value is Enum e ? ConfigShape.EnumChoices(e.GetType()) : "";
        return new ValidationResult($"is required (one of: {names})", [validationContext.MemberName ?? ""]);
    }

    internal static string CamelCase(string name) => JsonNamingPolicy.CamelCase.ConvertName(name);
}
