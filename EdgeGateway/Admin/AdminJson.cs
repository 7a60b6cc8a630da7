using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.Admin;

/// <summary>The JSON conventions of the admin socket and of <c>--json</c> output: camelCase, enums as camelCase strings.</summary>
public static class AdminJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase), new UtcTimestampConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Read by people and scripts, never embedded in HTML: no \u002B for '+'.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };
}
