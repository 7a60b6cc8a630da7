using System.Text.Json;
using EdgeGateway.Drivers.Epc;

namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// One tag observation from an LLRP reader (telemetry <c>data.type = "rfid"</c>). Absent optional
/// values are omitted from <c>data</c>, never written as null.
/// </summary>
public sealed record TagReading(
    string DeviceId,
    DateTimeOffset Timestamp,
    DecodedEpc Epc,
    ushort? AntennaId,
    sbyte? PeakRssiDbm,
    DateTimeOffset? FirstSeen,
    DateTimeOffset? LastSeen,
    ushort? SeenCount) : Reading(DeviceId, Timestamp)
{
    public override string ReadingType => "rfid";

    public override void WriteData(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteString("epc", Epc.Hex);
        writer.WriteString("scheme", Epc.SchemeName);
        if (Epc.Sgtin is { } sgtin)
        {
            writer.WriteString("gtin", sgtin.Gtin);
            writer.WriteString("serial", sgtin.Serial);
            writer.WriteNumber("filter", sgtin.Filter);
        }

        if (AntennaId is { } antenna)
        {
            writer.WriteNumber("antenna", antenna);
        }

        if (PeakRssiDbm is { } rssi)
        {
            writer.WriteNumber("peakRssiDbm", rssi);
        }

        if (FirstSeen is { } first)
        {
            writer.WriteString("firstSeen", first.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (LastSeen is { } last)
        {
            writer.WriteString("lastSeen", last.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture));
        }

        if (SeenCount is { } count)
        {
            writer.WriteNumber("seenCount", count);
        }
    }

    /// <summary>
    /// Builds the reading for one TagReportData. Its timestamp is the reader's LastSeen (else FirstSeen)
    /// UTC time, or <paramref name="received"/> when the reader only has uptime.
    /// </summary>
    public static TagReading From(string deviceId, in TagReportData tag, DateTimeOffset received)
    {
        var first = FromUnixMicroseconds(tag.FirstSeenUtcMicroseconds);
        var last = FromUnixMicroseconds(tag.LastSeenUtcMicroseconds);
        return new TagReading(
            deviceId,
            last ?? first ?? received,
            EpcDecoder.Decode(tag.Epc.Span, tag.EpcBitLength),
            tag.AntennaId,
            tag.PeakRssiDbm,
            first,
            last,
            tag.TagSeenCount);
    }

    private static DateTimeOffset? FromUnixMicroseconds(ulong? microseconds)
    {
        // LLRP 1.0.1 UTCTimestamp: microseconds since 1970-01-01T00:00:00Z; ignore values past year 9999.
        const ulong maxMicroseconds = 253_402_300_799_999_999UL;
        return microseconds is { } us && us <= maxMicroseconds
            ? DateTimeOffset.UnixEpoch.AddTicks((long)us * 10)
            : null;
    }
}
