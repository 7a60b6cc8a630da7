using System.Globalization;

namespace EdgeGateway.Drivers.Mattress;

/// <summary>
/// Writes a <see cref="MattressFrame"/> as the exact bytes of docs/protocols/mattress.md §2, for the simulator
/// and the tests. Allocation-free with a caller's buffer.
/// </summary>
public static class MattressFrameEncoder
{
    private const int MaxValue = 99_999;
    private const long MaxTimestamp = 9_999_999_999;

    /// <summary>Encodes into <paramref name="destination"/> (at least <see cref="MattressFrameDecoder.MaxFrameLength"/> bytes) and returns the length.</summary>
    public static int Encode(in MattressFrame frame, Span<byte> destination)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(destination.Length, MattressFrameDecoder.MaxFrameLength, nameof(destination));
        ArgumentOutOfRangeException.ThrowIfNegative(frame.SensorTimeUnixSeconds, nameof(frame));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(frame.SensorTimeUnixSeconds, MaxTimestamp, nameof(frame));

        destination[0] = MattressFrameDecoder.StartMarker;
        var position = 1;
        "BCG,"u8.CopyTo(destination[position..]);
        position += 4;
        position += Format(frame.SensorTimeUnixSeconds, destination[position..]);
        ReadOnlySpan<int> values =
        [
            frame.HeartRateBpm, frame.RespirationRateBrpm, frame.StrokeVolumeRelative, frame.HeartRateVariabilityMs,
            frame.SignalStrength, (int)frame.Status, frame.BeatToBeatMs, frame.PreviousBeatToBeatMs,
            frame.SecondPreviousBeatToBeatMs,
        ];
        foreach (var value in values)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(frame));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(value, MaxValue, nameof(frame));
            destination[position++] = (byte)',';
            position += Format(value, destination[position..]);
        }

        var checksum = MattressFrameDecoder.Checksum(destination[1..position]);
        destination[position++] = MattressFrameDecoder.ChecksumMarker;
        checksum.TryFormat(destination[position..], out var hexLength, "X2", CultureInfo.InvariantCulture);
        position += hexLength;
        destination[position++] = (byte)'\r';
        destination[position++] = (byte)'\n';
        return position;
    }

    /// <summary>Encodes into a new array of the frame's exact length.</summary>
    public static byte[] Encode(in MattressFrame frame)
    {
        Span<byte> buffer = stackalloc byte[MattressFrameDecoder.MaxFrameLength];
        return buffer[..Encode(frame, buffer)].ToArray();
    }

    private static int Format(long value, Span<byte> destination)
    {
        value.TryFormat(destination, out var written, default, CultureInfo.InvariantCulture);
        return written;
    }
}
