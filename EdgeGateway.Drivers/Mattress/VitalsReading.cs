using System.Text.Json;

namespace EdgeGateway.Drivers.Mattress;

/// <summary>
/// Vital signs and bed presence from an under-mattress sensor (telemetry <c>data.type</c> "vitals"). Null values
/// were not measured: bed empty, patient moving, or signal too weak (docs/protocols/mattress.md §4).
/// </summary>
public sealed record VitalsReading(
    string DeviceId,
    DateTimeOffset Timestamp,
    int? HrBpm,
    int? RrBrpm,
    bool Moving,
    bool InBed,
    BedStatus BedStatus,
    int SignalStrength,
    int? StrokeVolumeRel,
    int? HrvMs,
    int? BeatToBeatMs) : Reading(DeviceId, Timestamp)
{
    public override string ReadingType => "vitals";

    /// <summary>The rules of docs/protocols/mattress.md §4: vitals only count while the patient is at rest.</summary>
    public static VitalsReading FromFrame(string deviceId, DateTimeOffset receivedAt, in MattressFrame frame)
    {
        var atRest = frame.Status == BedStatus.AtRest;
        return new VitalsReading(
            deviceId,
            receivedAt,
            HrBpm: atRest ? Positive(frame.HeartRateBpm) : null,
            RrBrpm: atRest ? frame.RespirationRateBrpm : null,
            Moving: frame.Status == BedStatus.Moving,
            InBed: frame.Status != BedStatus.Empty,
            BedStatus: frame.Status,
            SignalStrength: frame.SignalStrength,
            StrokeVolumeRel: atRest ? Positive(frame.StrokeVolumeRelative) : null,
            HrvMs: atRest ? Positive(frame.HeartRateVariabilityMs) : null,
            BeatToBeatMs: atRest ? Positive(frame.BeatToBeatMs) : null);
    }

    public override void WriteData(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        WriteNullable(writer, "hrBpm", HrBpm);
        WriteNullable(writer, "rrBrpm", RrBrpm);
        writer.WriteString("movement", Moving ? "moving" : "none");
        writer.WriteString("presence", InBed ? "in_bed" : "out_of_bed");
        writer.WriteString("bedStatus", BedStatus switch
        {
            BedStatus.Empty => "empty",
            BedStatus.AtRest => "at_rest",
            BedStatus.Moving => "moving",
            _ => "weak_signal",
        });
        writer.WriteNumber("signalStrength", SignalStrength);
        WriteNullable(writer, "strokeVolumeRel", StrokeVolumeRel);
        WriteNullable(writer, "hrvMs", HrvMs);
        WriteNullable(writer, "beatToBeatMs", BeatToBeatMs);
    }

    private static int? Positive(int value) => value > 0 ? value : null;

    private static void WriteNullable(Utf8JsonWriter writer, string name, int? value)
    {
        if (value is { } v)
        {
            writer.WriteNumber(name, v);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
