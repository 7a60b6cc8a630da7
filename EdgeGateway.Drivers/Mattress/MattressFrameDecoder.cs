using System.Buffers;

namespace EdgeGateway.Drivers.Mattress;

/// <summary>
/// Decodes <c>$BCG,…*HH\r\n</c> frames (docs/protocols/mattress.md) from the bytes of a serial line. It is pure
/// (no I/O) and allocation-free; the only state is whether it is skipping bytes between frames, so a run of
/// garbage split across reads is reported once. One decoder per line.
/// </summary>
public sealed class MattressFrameDecoder
{
    /// <summary>The longest frame, <c>$</c> to LF inclusive (NMEA 0183's limit, §2).</summary>
    public const int MaxFrameLength = 82;

    internal const byte StartMarker = (byte)'$';
    internal const byte ChecksumMarker = (byte)'*';
    internal const int FieldCount = 10;
    internal const int MaxTimestampDigits = 10;
    internal const int MaxValueDigits = 5;

    private const byte Cr = (byte)'\r';
    private const byte Lf = (byte)'\n';

    private static ReadOnlySpan<byte> SentenceId => "BCG,"u8;

    private Skipping _skipping;

    private enum Skipping
    {
        None,
        Garbage,
        RestOfOverlongLine,
    }

    /// <summary>
    /// Decodes at most one frame or one rejection from the start of <paramref name="buffer"/>.
    /// <paramref name="consumed"/> bytes are done with; call again on the rest until
    /// <see cref="MattressDecodeStatus.NeedMoreData"/>, then append the next read to what is left.
    /// </summary>
    public MattressDecodeResult Decode(ReadOnlySpan<byte> buffer, out int consumed)
    {
        consumed = 0;
        if (buffer.IsEmpty)
        {
            return MattressDecodeResult.NeedMoreData;
        }

        if (buffer[0] != StartMarker)
        {
            if (_skipping == Skipping.None)
            {
                _skipping = Skipping.Garbage;
            }

            var start = buffer.IndexOf(StartMarker);
            if (start < 0)
            {
                consumed = buffer.Length;
                return MattressDecodeResult.NeedMoreData;
            }

            consumed = start;
            if (EndSkipping() == Skipping.Garbage)
            {
                return MattressDecodeResult.Rejected(MattressRejectReason.Garbage, "bytes outside a frame");
            }

            var result = DecodeFrame(buffer[start..], out var frameConsumed);
            consumed += frameConsumed;
            return result;
        }

        if (EndSkipping() == Skipping.Garbage)
        {
            // The garbage run ended exactly at the end of the previous buffer.
            return MattressDecodeResult.Rejected(MattressRejectReason.Garbage, "bytes outside a frame");
        }

        return DecodeFrame(buffer, out consumed);
    }

    /// <summary>
    /// The same over a possibly multi-segment sequence (System.IO.Pipelines). At most
    /// <see cref="MaxFrameLength"/> bytes are copied to the stack when a frame straddles segments.
    /// </summary>
    public MattressDecodeResult Decode(in ReadOnlySequence<byte> buffer, out SequencePosition consumed)
    {
        if (buffer.IsSingleSegment)
        {
            var single = Decode(buffer.FirstSpan, out var count);
            consumed = buffer.GetPosition(count);
            return single;
        }

        var start = buffer.PositionOf(StartMarker);
        if (start is null)
        {
            if (!buffer.IsEmpty && _skipping == Skipping.None)
            {
                _skipping = Skipping.Garbage;
            }

            consumed = buffer.End;
            return MattressDecodeResult.NeedMoreData;
        }

        var offset = buffer.Slice(0, start.Value).Length;
        if (offset > 0)
        {
            if (_skipping == Skipping.None)
            {
                _skipping = Skipping.Garbage;
            }

            if (EndSkipping() == Skipping.Garbage)
            {
                consumed = start.Value;
                return MattressDecodeResult.Rejected(MattressRejectReason.Garbage, "bytes outside a frame");
            }
        }

        var rest = buffer.Slice(start.Value);
        Span<byte> window = stackalloc byte[MaxFrameLength];
        var length = (int)Math.Min(rest.Length, MaxFrameLength);
        rest.Slice(0, length).CopyTo(window);
        var result = Decode(window[..length], out var windowConsumed);
        consumed = buffer.GetPosition(offset + windowConsumed);
        return result;
    }

    private Skipping EndSkipping()
    {
        var was = _skipping;
        _skipping = Skipping.None;
        return was;
    }

    /// <summary>Decodes from a <c>$</c> at <paramref name="buffer"/>[0].</summary>
    private MattressDecodeResult DecodeFrame(ReadOnlySpan<byte> buffer, out int consumed)
    {
        var window = buffer[1..Math.Min(buffer.Length, MaxFrameLength)];
        var end = window.IndexOfAny(StartMarker, Lf);
        if (end < 0)
        {
            if (buffer.Length < MaxFrameLength)
            {
                consumed = 0;
                return MattressDecodeResult.NeedMoreData;
            }

            consumed = MaxFrameLength;
            _skipping = Skipping.RestOfOverlongLine;
            return MattressDecodeResult.Rejected(MattressRejectReason.Overlong, "no line end within 82 bytes");
        }

        if (window[end] == StartMarker)
        {
            consumed = end + 1;
            return MattressDecodeResult.Rejected(MattressRejectReason.Truncated, "new frame started before the line end");
        }

        consumed = end + 2;
        return Parse(buffer[..consumed]);
    }

    /// <summary>Parses one complete line, <c>$</c> to LF inclusive.</summary>
    private static MattressDecodeResult Parse(ReadOnlySpan<byte> line)
    {
        if (line.Length < 2 || line[^2] != Cr)
        {
            return MattressDecodeResult.Rejected(MattressRejectReason.Malformed, "line feed without carriage return");
        }

        var body = line[1..^2];
        var star = body.LastIndexOf(ChecksumMarker);
        if (star < 0 || star != body.Length - 3)
        {
            return MattressDecodeResult.Rejected(MattressRejectReason.Malformed, "no *HH checksum at the line end");
        }

        var high = HexValue(body[star + 1]);
        var low = HexValue(body[star + 2]);
        if (high < 0 || low < 0)
        {
            return MattressDecodeResult.Rejected(MattressRejectReason.Malformed, "checksum is not two hex digits");
        }

        var payload = body[..star];
        if (Checksum(payload) != (high << 4 | low))
        {
            return MattressDecodeResult.Rejected(MattressRejectReason.Checksum, "checksum mismatch");
        }

        if (!payload.StartsWith(SentenceId))
        {
            return MattressDecodeResult.Rejected(MattressRejectReason.Malformed, "sentence id is not BCG");
        }

        return ParseFields(payload[SentenceId.Length..]);
    }

    private static MattressDecodeResult ParseFields(ReadOnlySpan<byte> fields)
    {
        Span<long> values = stackalloc long[FieldCount];
        var count = 0;
        var rest = fields;
        while (true)
        {
            var comma = rest.IndexOf((byte)',');
            var field = comma < 0 ? rest : rest[..comma];
            if (count == FieldCount)
            {
                return MattressDecodeResult.Rejected(MattressRejectReason.Malformed, "more than 10 fields");
            }

            var maxDigits = count == 0 ? MaxTimestampDigits : MaxValueDigits;
            if (field.IsEmpty || field.Length > maxDigits)
            {
                return MattressDecodeResult.Rejected(MattressRejectReason.Malformed, "field empty or too long");
            }

            var value = 0L;
            foreach (var b in field)
            {
                var digit = b - '0';
                if ((uint)digit > 9)
                {
                    return MattressDecodeResult.Rejected(MattressRejectReason.Malformed, "field is not a decimal number");
                }

                value = value * 10 + digit;
            }

            values[count++] = value;
            if (comma < 0)
            {
                break;
            }

            rest = rest[(comma + 1)..];
        }

        if (count != FieldCount)
        {
            return MattressDecodeResult.Rejected(MattressRejectReason.Malformed, "fewer than 10 fields");
        }

        if (values[6] > (long)BedStatus.WeakSignal)
        {
            return MattressDecodeResult.Rejected(MattressRejectReason.Malformed, "unknown status code");
        }

        return MattressDecodeResult.Decoded(new MattressFrame(
            SensorTimeUnixSeconds: values[0],
            HeartRateBpm: (int)values[1],
            RespirationRateBrpm: (int)values[2],
            StrokeVolumeRelative: (int)values[3],
            HeartRateVariabilityMs: (int)values[4],
            SignalStrength: (int)values[5],
            Status: (BedStatus)values[6],
            BeatToBeatMs: (int)values[7],
            PreviousBeatToBeatMs: (int)values[8],
            SecondPreviousBeatToBeatMs: (int)values[9]));
    }

    /// <summary>NMEA 0183-style checksum: XOR of every byte between <c>$</c> and <c>*</c>.</summary>
    internal static byte Checksum(ReadOnlySpan<byte> payload)
    {
        byte sum = 0;
        foreach (var b in payload)
        {
            sum ^= b;
        }

        return sum;
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };
}
