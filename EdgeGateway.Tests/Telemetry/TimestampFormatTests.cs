using System.Buffers;
using System.Text;
using System.Text.Json;
using EdgeGateway.Telemetry;

namespace EdgeGateway.Tests.Telemetry;

public sealed class TimestampFormatTests
{
    public static TheoryData<DateTimeOffset> Instants() =>
    [
        new DateTimeOffset(2026, 11, 24, 21, 22, 57, 292, TimeSpan.Zero),
        new DateTimeOffset(2026, 1, 2, 3, 4, 5, 6, TimeSpan.FromHours(2)),
        new DateTimeOffset(2025, 12, 31, 23, 59, 59, TimeSpan.FromHours(-5)).AddTicks(9_999_999),
        new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(9999, 12, 31, 23, 59, 59, 999, TimeSpan.Zero),
    ];

    [Theory]
    [MemberData(nameof(Instants))]
    public void A_timestamp_written_digit_by_digit_reads_exactly_as_the_formatted_one(DateTimeOffset instant)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            TelemetryWriter.WriteTimestamp(writer, "ts"u8, instant);
            writer.WriteEndObject();
        }

        Assert.Equal($$"""{"ts":"{{TelemetryWriter.FormatTimestamp(instant)}}"}""", Encoding.UTF8.GetString(buffer.WrittenSpan));
    }
}
