using System.Text;
using EdgeGateway.Drivers.CallButtons;

namespace EdgeGateway.Tests.CallButtons;

public sealed class MqttButtonPayloadTests
{
    public static TheoryData<string, CallButtonEvent> Accepted() => new()
    {
        { """{"event":"pressed"}""", CallButtonEvent.Pressed },
        { """{"event":"cancelled"}""", CallButtonEvent.Cancelled },
        { """ { "battery": 87, "event": "Pressed", "linkquality": [1, {"a": null}] }""" + "\n", CallButtonEvent.Pressed },
        { """{"event":"\u0063ancelled"}""", CallButtonEvent.Cancelled },
        { "pressed", CallButtonEvent.Pressed },
        { "PRESSED\r\n", CallButtonEvent.Pressed },
        { " Cancelled ", CallButtonEvent.Cancelled },
    };

    public static TheoryData<string, string> Refused() => new()
    {
        { "", MqttButtonPayload.Empty },
        { " \n", MqttButtonPayload.Empty },
        { "press", MqttButtonPayload.UnknownWord },
        { "pressed!", MqttButtonPayload.UnknownWord },
        { "\"pressed\"", MqttButtonPayload.UnknownWord },
        { "{\"event\":\"pressed\"", MqttButtonPayload.NotJson },
        { "{\"event\":\"pressed\"} {}", MqttButtonPayload.NotJson },
        { "{event:pressed}", MqttButtonPayload.NotJson },
        { "{}", MqttButtonPayload.NoEvent },
        { "{\"Event\":\"pressed\"}", MqttButtonPayload.NoEvent },
        { "{\"state\":{\"event\":\"pressed\"}}", MqttButtonPayload.NoEvent },
        { "{\"event\":1}", MqttButtonPayload.EventNotString },
        { "{\"event\":\"pressed\",\"event\":\"cancelled\"}", MqttButtonPayload.DuplicateEvent },
        { "{\"event\":\"double\"}", MqttButtonPayload.UnknownEvent },
        { "{\"event\":\"\"}", MqttButtonPayload.UnknownEvent },
    };

    [Theory]
    [MemberData(nameof(Accepted))]
    public void A_documented_payload_decodes_to_its_event(string payload, CallButtonEvent expected)
    {
        Assert.True(MqttButtonPayload.TryDecode(Encoding.UTF8.GetBytes(payload), out var call, out var problem), problem);
        Assert.Equal(expected, call);
        Assert.Equal("", problem);
    }

    [Theory]
    [MemberData(nameof(Refused))]
    public void Anything_else_is_refused_with_the_reason(string payload, string expected)
    {
        Assert.False(MqttButtonPayload.TryDecode(Encoding.UTF8.GetBytes(payload), out _, out var problem));
        Assert.Equal(expected, problem);
    }

    [Fact]
    public void Binary_garbage_and_invalid_utf8_are_refused()
    {
        Assert.False(MqttButtonPayload.TryDecode([0x00, 0xFF, 0x10, 0x80], out _, out var binary));
        Assert.Equal(MqttButtonPayload.UnknownWord, binary);
        Assert.False(MqttButtonPayload.TryDecode([.. "{\"event\":\""u8, 0xC3, 0x28, .. "\"}"u8], out _, out var badUtf8));
        Assert.Equal(MqttButtonPayload.UnknownEvent, badUtf8);
    }

    [Fact]
    public void A_payload_over_256_bytes_is_refused_even_if_it_would_parse()
    {
        var exactly256 = "{\"event\":\"pressed\"" + new string(' ', 237) + "}";
        Assert.Equal(256, exactly256.Length);
        Assert.True(MqttButtonPayload.TryDecode(Encoding.UTF8.GetBytes(exactly256), out _, out _));

        Assert.False(MqttButtonPayload.TryDecode(Encoding.UTF8.GetBytes(exactly256 + " "), out _, out var problem));
        Assert.Equal(MqttButtonPayload.TooLong, problem);
    }

    [Fact]
    public void The_log_preview_is_a_short_escaped_prefix()
    {
        Assert.Equal("pressed!", MqttButtonPayload.Preview("pressed!"u8));
        Assert.Equal("\\x00\\xFF{\\x22a\\x22\\x0A", MqttButtonPayload.Preview([0x00, 0xFF, .. "{\"a\"\n"u8]));
        Assert.Equal("patient=Jane Doe…", MqttButtonPayload.Preview("patient=Jane Doe, bed 12"u8));
    }
}
