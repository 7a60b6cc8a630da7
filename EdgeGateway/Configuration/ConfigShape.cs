using System.Collections;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Text.Json;

namespace EdgeGateway.Configuration;

/// <summary>
/// Checks the raw JSON against the options types before binding: unknown keys (a typo must not silently
/// disable an alarm), duplicate keys, wrong JSON types and unknown enum names, each with its path.
/// Binding alone would ignore or coerce them.
/// </summary>
internal static class ConfigShape
{
    /// <summary>Why reading the options classes by reflection is safe in the trimmed, Native AOT binary.</summary>
    public const string OptionsAreRooted =
        "The options classes live in edgegw and EdgeGateway.Drivers, both TrimmerRootAssembly in EdgeGateway.csproj: " +
        "every property and attribute is kept; the config tests run against the AOT binary too (test.sh).";

    private static readonly NullabilityInfoContext Nullability = new();

    public static void Check(JsonElement element, Type type, string path, List<ConfigError> errors)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (element.ValueKind == JsonValueKind.Null)
        {
            if (underlying is null && type.IsValueType)
            {
                errors.Add(new ConfigError(path, "must not be null"));
            }

            return;
        }

        type = underlying ?? type;
        if (type == typeof(string))
        {
            Expect(element, JsonValueKind.String, "must be a string", path, errors);
        }
        else if (type == typeof(bool))
        {
            if (element.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add(new ConfigError(path, "must be true or false"));
            }
        }
        else if (type.IsEnum)
        {
            CheckEnum(element, type, path, errors);
        }
        else if (type == typeof(int) || type == typeof(long))
        {
            var fits = element.ValueKind == JsonValueKind.Number &&
                (type == typeof(int) ? element.TryGetInt32(out _) : element.TryGetInt64(out _));
            if (!fits)
            {
                errors.Add(new ConfigError(path, type == typeof(int) ? "must be a whole number (32-bit)" : "must be a whole number"));
            }
        }
        else if (type == typeof(double))
        {
            Expect(element, JsonValueKind.Number, "must be a number", path, errors);
        }
        else if (ListElementType(type) is { } itemType)
        {
            if (Expect(element, JsonValueKind.Array, "must be a list", path, errors))
            {
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Check(item, itemType, $"{path}[{index++}]", errors);
                }
            }
        }
        else if (Expect(element, JsonValueKind.Object, "must be an object", path, errors))
        {
            CheckObject(element, type, path, errors);
        }
    }

    public static string EnumChoices(Type enumType) =>
        string.Join(", ", Enum.GetNames(enumType).Where(n => n != "Unspecified").Select(RequiredEnumAttribute.CamelCase));

    public static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    /// <summary>The element type of the option lists (<c>List&lt;T&gt;</c>) the binder fills, or null.</summary>
    public static Type? ListElementType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>) ? type.GetGenericArguments()[0] : null;

    /// <summary>The bindable properties of an options class, keyed by their JSON (camelCase) name.</summary>
    [UnconditionalSuppressMessage("Trimming", "IL2070", Justification = OptionsAreRooted)]
    public static IEnumerable<(string Key, PropertyInfo Property)> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0)
            .Select(p => (RequiredEnumAttribute.CamelCase(p.Name), p));

    /// <summary>True for the classes that are option sections (ours), as opposed to strings and collections.</summary>
    public static bool IsSection(Type type) =>
        type.IsClass && type != typeof(string) && !typeof(IEnumerable).IsAssignableFrom(type) &&
        type.Namespace?.StartsWith("EdgeGateway", StringComparison.Ordinal) == true;

    private static void CheckObject(JsonElement element, Type type, string path, List<ConfigError> errors)
    {
        var properties = Properties(type).ToDictionary(p => p.Key, p => p.Property, StringComparer.OrdinalIgnoreCase);
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var member in element.EnumerateObject())
        {
            var memberPath = Join(path, member.Name);
            if (!seen.Add(member.Name))
            {
                errors.Add(new ConfigError(memberPath, "duplicate key"));
                continue;
            }

            if (!properties.TryGetValue(member.Name, out var property))
            {
                var suggestion = Closest(member.Name, properties.Keys.Select(RequiredEnumAttribute.CamelCase));
                errors.Add(new ConfigError(memberPath, suggestion is null
                    ? $"unknown key (known here: {string.Join(", ", properties.Keys.Select(RequiredEnumAttribute.CamelCase))})"
                    : $"unknown key (did you mean \"{suggestion}\"?)"));
                continue;
            }

            if (member.Value.ValueKind == JsonValueKind.Null && !property.PropertyType.IsValueType &&
                Nullability.Create(property).WriteState == NullabilityState.NotNull)
            {
                errors.Add(new ConfigError(memberPath, "must not be null"));
                continue;
            }

            Check(member.Value, property.PropertyType, memberPath, errors);
        }
    }

    private static void CheckEnum(JsonElement element, Type type, string path, List<ConfigError> errors)
    {
        var valid = element.ValueKind == JsonValueKind.String &&
            Enum.GetNames(type).Any(n => string.Equals(n, element.GetString(), StringComparison.OrdinalIgnoreCase) && n != "Unspecified");
        if (!valid)
        {
            errors.Add(new ConfigError(path, $"must be one of: {EnumChoices(type)}"));
        }
    }

    private static bool Expect(JsonElement element, JsonValueKind kind, string message, string path, List<ConfigError> errors)
    {
        if (element.ValueKind == kind)
        {
            return true;
        }

        errors.Add(new ConfigError(path, message));
        return false;
    }

    private static string? Closest(string key, IEnumerable<string> candidates) =>
        candidates
            .Select(c => (Candidate: c, Distance: c.StartsWith(key, StringComparison.OrdinalIgnoreCase) ? 1 : EditDistance(key.ToLowerInvariant(), c.ToLowerInvariant())))
            .Where(c => c.Distance <= Math.Max(2, key.Length / 4))
            .OrderBy(c => c.Distance)
            .Select(c => c.Candidate)
            .FirstOrDefault();

    private static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), substitution);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
