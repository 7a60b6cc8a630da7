using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeGateway.Admin;
using EdgeGateway.Alarms;
using EdgeGateway.Json;

namespace EdgeGateway.Tests.Json;

public sealed class GatewayJsonContextTests
{
    [Fact]
    public void Every_enum_the_json_carries_is_written_as_its_camel_case_name_and_read_back_from_its_declared_name()
    {
        var enums = ReachableEnums();

        Assert.Contains(typeof(AlarmState), enums);
        Assert.Contains(typeof(System.IO.Ports.Parity), enums);
        foreach (var type in enums)
        {
            foreach (var name in Enum.GetNames(type))
            {
                var value = Enum.Parse(type, name);
                var camel = JsonNamingPolicy.CamelCase.ConvertName(name);
                Assert.Equal($"\"{camel}\"", JsonSerializer.Serialize(value, AdminJson.Options.GetTypeInfo(type)));
                Assert.Equal(value, JsonSerializer.Deserialize($"\"{name}\"", AdminJson.Options.GetTypeInfo(type)));
            }
        }
    }

    [Fact]
    public void A_type_missing_from_the_context_fails_instead_of_falling_back_to_reflection()
    {
        var error = Assert.Throws<NotSupportedException>(() => AdminJson.ToElement(new Version(1, 2)));

        Assert.Contains("Version", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Every enum type reachable from the context's roots: properties, list items, dictionary values.</summary>
    private static HashSet<Type> ReachableEnums()
    {
        var roots = typeof(GatewayJsonContext).CustomAttributes
            .Where(a => a.AttributeType == typeof(JsonSerializableAttribute))
            .Select(a => (Type)a.ConstructorArguments[0].Value!);
        var seen = new HashSet<Type>();
        var enums = new HashSet<Type>();
        var pending = new Stack<Type>(roots);
        while (pending.TryPop(out var type))
        {
            type = Nullable.GetUnderlyingType(type) ?? type;
            if (!seen.Add(type))
            {
                continue;
            }

            if (type.IsEnum)
            {
                enums.Add(type);
                continue;
            }

            var info = AdminJson.Options.GetTypeInfo(type);
            foreach (var next in info.Properties.Select(p => p.PropertyType).Append(info.ElementType).Append(info.KeyType))
            {
                if (next is not null)
                {
                    pending.Push(next);
                }
            }
        }

        return enums;
    }
}
