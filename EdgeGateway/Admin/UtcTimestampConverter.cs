using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeGateway.Telemetry;

namespace EdgeGateway.Admin;

/// <summary>Timestamps in admin answers as telemetry writes them: ISO-8601 UTC with milliseconds.</summary>
public sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        DateTimeOffset.Parse(reader.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(TelemetryWriter.FormatTimestamp(value));
    }
}
