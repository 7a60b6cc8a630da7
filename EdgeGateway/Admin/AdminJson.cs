using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using EdgeGateway.Json;

namespace EdgeGateway.Admin;

/// <summary>The JSON conventions of the admin socket and of <c>--json</c> output: camelCase, enums as camelCase strings.</summary>
public static class AdminJson
{
    public static JsonSerializerOptions Options { get; } = new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = GatewayJsonContext.Default,
        Converters = { new UtcTimestampConverter() },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Read by people and scripts, never embedded in HTML: no \u002B for '+'.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    }.WithCamelCaseEnums();

    public static JsonSerializerOptions Indented { get; } = new(Options) { WriteIndented = true };

    /// <summary>The metadata of <typeparamref name="T"/> under these conventions (a type missing from <see cref="GatewayJsonContext"/> throws).</summary>
    public static JsonTypeInfo<T> Info<T>(JsonSerializerOptions? options = null) => (JsonTypeInfo<T>)(options ?? Options).GetTypeInfo(typeof(T));

    public static JsonElement ToElement<T>(T value) => JsonSerializer.SerializeToElement(value, Info<T>());

    public static T Read<T>(JsonElement element) => element.Deserialize(Info<T>()) ?? throw new JsonException($"null where a {typeof(T).Name} was expected");
}
