using System.Text;
using System.Text.Json;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Llrp;

public sealed class TagReadingTests
{
    private static string Data(TagReading reading)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            reading.WriteData(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    [Fact]
    public void Sgtin_reading_writes_epc_gtin_serial_filter_antenna_rssi_times_and_count()
    {
        Assert.Equal(LlrpRejectReason.None, LlrpMessageDecoder.Decode(LlrpVectors.TwoTagReport, out var message));
        var tag = ((RoAccessReport)message!).Tags.First();

        var reading = TagReading.From("reader-1", tag, DateTimeOffset.UnixEpoch);

        Assert.Equal(DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_500), reading.Timestamp);
        Assert.Equal(
            """{"epc":"3034257BF7194E4000001A85","scheme":"sgtin-96","gtin":"80614141123458","serial":"6789","filter":1,"antenna":1,"peakRssiDbm":-52,"firstSeen":"2023-11-14T22:13:20.000Z","lastSeen":"2023-11-14T22:13:20.500Z","seenCount":3}""",
            Data(reading));
    }

    [Fact]
    public void Raw_reading_with_uptime_only_is_stamped_on_receipt_and_omits_what_is_absent()
    {
        Assert.Equal(LlrpRejectReason.None, LlrpMessageDecoder.Decode(LlrpVectors.ThreeTagReport, out var message));
        var tag = ((RoAccessReport)message!).Tags.Last();
        var received = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

        var reading = TagReading.From("reader-1", tag, received);

        Assert.Equal(received, reading.Timestamp);
        Assert.Equal("""{"epc":"E280116060000209F1A2B3C4D5E6F708","scheme":"raw","antenna":1,"peakRssiDbm":-75}""", Data(reading));
    }
}
