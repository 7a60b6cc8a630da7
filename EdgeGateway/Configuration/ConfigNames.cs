using System.Text.Json;

namespace EdgeGateway.Configuration;

/// <summary>How configuration and telemetry spell enum values: camelCase (<c>callButton</c>).</summary>
public static class ConfigNames
{
    public static string Of<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
