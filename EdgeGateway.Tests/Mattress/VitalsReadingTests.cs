using System.Text;
using System.Text.Json;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Mattress;

public sealed class VitalsReadingTests
{
    private static readonly DateTimeOffset ReceivedAt = new(2024, 6, 11, 8, 30, 0, TimeSpan.Zero);

    [Fact]
    public void A_patient_at_rest_gives_every_vital_with_its_unit_in_the_field_name()
    {
        Assert.Equal(
            """{"hrBpm":62,"rrBrpm":14,"movement":"none","presence":"in_bed","bedStatus":"at_rest","signalStrength":1650,"strokeVolumeRel":78,"hrvMs":45,"beatToBeatMs":968}""",
            Json(MattressFrames.AtRest));
    }

    [Fact]
    public void An_empty_bed_is_out_of_bed_with_no_vitals()
    {
        Assert.Equal(
            """{"hrBpm":null,"rrBrpm":null,"movement":"none","presence":"out_of_bed","bedStatus":"empty","signalStrength":0,"strokeVolumeRel":null,"hrvMs":null,"beatToBeatMs":null}""",
            Json(MattressFrames.BedEmpty));
    }

    [Fact]
    public void Apnea_at_rest_reports_a_respiration_rate_of_zero_not_null()
    {
        var reading = Reading(MattressFrames.Apnea);

        Assert.Equal(0, reading.RrBrpm);
        Assert.Equal(64, reading.HrBpm);
        Assert.True(reading.InBed);
    }

    [Fact]
    public void A_moving_patient_is_in_bed_and_moving_with_no_vitals()
    {
        Assert.Equal(
            """{"hrBpm":null,"rrBrpm":null,"movement":"moving","presence":"in_bed","bedStatus":"moving","signalStrength":2900,"strokeVolumeRel":null,"hrvMs":null,"beatToBeatMs":null}""",
            Json(MattressFrames.Moving));
    }

    [Fact]
    public void A_weak_signal_is_in_bed_with_no_vitals()
    {
        Assert.Equal(
            """{"hrBpm":null,"rrBrpm":null,"movement":"none","presence":"in_bed","bedStatus":"weak_signal","signalStrength":35,"strokeVolumeRel":null,"hrvMs":null,"beatToBeatMs":null}""",
            Json(MattressFrames.WeakSignal));
    }

    [Fact]
    public void The_reading_is_of_type_vitals_and_stamped_with_the_receive_time()
    {
        var reading = Reading(MattressFrames.Tachycardia);

        Assert.Equal("vitals", reading.ReadingType);
        Assert.Equal(ReceivedAt, reading.Timestamp);
        Assert.Equal("bed-12", reading.DeviceId);
        Assert.Equal(142, reading.HrBpm);
    }

    private static VitalsReading Reading(byte[] frame)
    {
        var result = new MattressFrameDecoder().Decode(frame, out _);
        Assert.Equal(MattressDecodeStatus.Frame, result.Status);
        return VitalsReading.FromFrame("bed-12", ReceivedAt, result.Frame);
    }

    private static string Json(byte[] frame)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            Reading(frame).WriteData(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
