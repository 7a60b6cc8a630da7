using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;

namespace EdgeGateway.Configuration;

/// <summary>Runs the DataAnnotations (and IValidatableObject) rules of every options object, recursively, with paths.</summary>
internal static class ConfigAnnotations
{
    /// <summary>A member name as a config path: <c>Modbus.Points[0].Unit</c> → <c>modbus.points[0].unit</c>.</summary>
    public static string MemberPath(string member) => string.Join('.', member.Split('.').Select(RequiredEnumAttribute.CamelCase));

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = ConfigShape.OptionsAreRooted)]
    public static void Validate(object options, string path, List<ConfigError> errors)
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        foreach (var result in results)
        {
            var members = result.MemberNames.Where(m => m.Length > 0).ToList();
            var message = result.ErrorMessage ?? "is invalid";
            if (members.Count == 0)
            {
                errors.Add(new ConfigError(path, message));
            }

            foreach (var member in members)
            {
                errors.Add(new ConfigError(ConfigShape.Join(path, MemberPath(member)), message));
            }
        }

        foreach (var (key, property) in ConfigShape.Properties(options.GetType()))
        {
            var value = property.GetValue(options);
            if (value is null)
            {
                continue;
            }

            var childPath = ConfigShape.Join(path, key);
            if (ConfigShape.ListElementType(property.PropertyType) is { } itemType && ConfigShape.IsSection(itemType))
            {
                var index = 0;
                foreach (var item in (IEnumerable)value)
                {
                    Validate(item, $"{childPath}[{index++}]", errors);
                }
            }
            else if (ConfigShape.IsSection(property.PropertyType))
            {
                Validate(value, childPath, errors);
            }
        }
    }
}
