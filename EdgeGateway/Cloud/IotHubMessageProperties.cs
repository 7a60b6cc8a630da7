using System.Text;
using System.Text.Json;
using EdgeGateway.Configuration;
using EdgeGateway.Outbox;

namespace EdgeGateway.Cloud;

/// <summary>
/// The D2C topic with its property bag (IoT Hub MQTT docs, "Sending device-to-cloud messages"):
/// <c>devices/{deviceId}/messages/events/$.ct=application%2Fjson&amp;$.ce=utf-8&amp;$.mid={id}&amp;kind=…&amp;priority=…&amp;type=…</c>,
/// so hub routes can send alarms elsewhere than readings without parsing the body.
/// </summary>
public static class IotHubMessageProperties
{
    public static string Topic(string deviceId, OutboxRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var topic = new StringBuilder(96)
            .Append("devices/").Append(deviceId).Append("/messages/events/")
            .Append("$.ct=application%2Fjson&$.ce=utf-8&$.mid=").Append(Uri.EscapeDataString(record.Id))
            .Append("&kind=").Append(ConfigNames.Of(record.Kind));
        if (record.Priority is { } priority)
        {
            topic.Append("&priority=").Append(ConfigNames.Of(priority));
        }

        if (DataType(record.Payload) is { } type)
        {
            topic.Append("&type=").Append(Uri.EscapeDataString(type));
        }

        return topic.ToString();
    }

    /// <summary>The telemetry's <c>data.type</c> (docs/telemetry.md), or null when it has none or is not telemetry JSON.</summary>
    public static string? DataType(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isData = reader.ValueTextEquals("data"u8);
                reader.Read();
                if (isData && reader.TokenType == JsonTokenType.StartObject)
                {
                    while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var isType = reader.ValueTextEquals("type"u8);
                        reader.Read();
                        if (isType && reader.TokenType == JsonTokenType.String)
                        {
                            return reader.GetString();
                        }

                        reader.Skip();
                    }

                    return null;
                }

                reader.Skip();
            }
        }
        catch (JsonException)
        {
            return null;
        }

        return null;
    }
}
