using System.Globalization;
using System.Text;
using System.Text.Json;

namespace EdgeGateway.Drivers.CallButtons;

/// <summary>
/// The MQTT call-button payload (docs/protocols/call-buttons.md §MQTT payload): a JSON object
/// <c>{"event":"pressed"}</c> / <c>{"event":"cancelled"}</c> (other members ignored), or the bare word
/// <c>pressed</c> / <c>cancelled</c> as cheap Zigbee and Wi-Fi buttons send it; case-insensitive, surrounding
/// whitespace ignored. Pure: bytes in, event or the reason for refusing them out; nothing allocated on success.
/// </summary>
public static class MqttButtonPayload
{
    /// <summary>Longer payloads are refused unread: a press fits in a few dozen bytes.</summary>
    public const int MaxLength = 256;

    public const string Empty = "empty payload";
    public const string TooLong = "longer than 256 bytes";
    public const string UnknownWord = "neither a JSON object nor the word pressed or cancelled";
    public const string NotJson = "not valid JSON";
    public const string NoEvent = "JSON object without an \"event\" member";
    public const string EventNotString = "\"event\" is not a string";
    public const string DuplicateEvent = "\"event\" appears more than once";
    public const string UnknownEvent = "\"event\" is neither \"pressed\" nor \"cancelled\"";

    private const int PreviewBytes = 16;
    private const int LongestWord = 16;

    /// <summary>Decodes one payload; on failure <paramref name="problem"/> is one of this class's constants.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> payload, out CallButtonEvent call, out string problem)
    {
        call = default;
        if (payload.Length > MaxLength)
        {
            problem = TooLong;
            return false;
        }

        var trimmed = payload[Ascii.Trim(payload)];
        if (trimmed.IsEmpty)
        {
            problem = Empty;
            return false;
        }

        if (trimmed[0] == (byte)'{')
        {
            return TryDecodeJson(trimmed, out call, out problem);
        }

        if (TryWord(trimmed, out call))
        {
            problem = "";
            return true;
        }

        problem = UnknownWord;
        return false;
    }

    /// <summary>
    /// The first bytes of a refused payload for a log line: printable ASCII as is, anything else (and quotes and
    /// backslashes) as <c>\xNN</c>, so garbage cannot forge log lines and a long payload is never logged whole.
    /// </summary>
    public static string Preview(ReadOnlySpan<byte> payload)
    {
        var text = new StringBuilder();
        foreach (var b in payload[..Math.Min(payload.Length, PreviewBytes)])
        {
            if (b is >= 0x20 and < 0x7F and not (byte)'"' and not (byte)'\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\x{b:X2}");
            }
        }

        return payload.Length > PreviewBytes ? text.Append('…').ToString() : text.ToString();
    }

    private static bool TryDecodeJson(ReadOnlySpan<byte> json, out CallButtonEvent call, out string problem)
    {
        call = default;
        CallButtonEvent? found = null;
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            reader.Read();
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isEvent = reader.ValueTextEquals("event"u8);
                reader.Read();
                if (!isEvent)
                {
                    reader.Skip();
                    continue;
                }

                if (found is not null)
                {
                    problem = DuplicateEvent;
                    return false;
                }

                if (reader.TokenType != JsonTokenType.String)
                {
                    problem = EventNotString;
                    return false;
                }

                if (!TryStringWord(ref reader, out var word))
                {
                    problem = UnknownEvent;
                    return false;
                }

                found = word;
            }

            // Anything after the closing brace is refused by the reader (one JSON value per payload).
            reader.Read();
        }
        catch (JsonException)
        {
            problem = NotJson;
            return false;
        }

        if (found is not { } value)
        {
            problem = NoEvent;
            return false;
        }

        call = value;
        problem = "";
        return true;
    }

    private static bool TryStringWord(ref Utf8JsonReader reader, out CallButtonEvent call)
    {
        if (!reader.ValueIsEscaped)
        {
            return TryWord(reader.ValueSpan, out call);
        }

        // "\u0070ressed" is still "pressed"; anything longer than the longest word is not an event.
        Span<byte> unescaped = stackalloc byte[LongestWord * 6];
        if (reader.ValueSpan.Length > unescaped.Length)
        {
            call = default;
            return false;
        }

        var length = reader.CopyString(unescaped);
        return TryWord(unescaped[..length], out call);
    }

    private static bool TryWord(ReadOnlySpan<byte> word, out CallButtonEvent call)
    {
        if (Ascii.EqualsIgnoreCase(word, "pressed"u8))
        {
            call = CallButtonEvent.Pressed;
            return true;
        }

        if (Ascii.EqualsIgnoreCase(word, "cancelled"u8))
        {
            call = CallButtonEvent.Cancelled;
            return true;
        }

        call = default;
        return false;
    }
}
