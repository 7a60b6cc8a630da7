using System.Buffers.Binary;

namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// Walks the parameters that fill a message body or a parent parameter (LLRP 1.0.1 §16.2.1). A TLV whose
/// length runs past its parent, or is shorter than its own 4-byte header, is an overrun; an unknown TV
/// type is malformed because a TV has no length to skip by. Unknown TLVs and Custom (1023) are returned
/// like any other, so the caller skips them by length.
/// </summary>
public ref struct LlrpParameterReader
{
    private readonly ReadOnlySpan<byte> _span;
    private int _position;

    public LlrpParameterReader(ReadOnlySpan<byte> span)
    {
        _span = span;
        _position = 0;
        Error = LlrpRejectReason.None;
    }

    /// <summary>Set when <see cref="TryRead"/> returned false because the bytes are wrong, not because they ended.</summary>
    public LlrpRejectReason Error { get; private set; }

    public readonly bool End => _position >= _span.Length;

    /// <summary>Length of a TV parameter's value for a TV type (LLRP 1.0.1 §16.2.1 table of TV parameters), or -1 if unknown.</summary>
    public static int TvValueLength(int tvType) => tvType switch
    {
        1 => 2, // AntennaID
        2 or 3 or 4 or 5 => 8, // First/LastSeenTimestamp UTC/Uptime
        6 => 1, // PeakRSSI
        7 or 8 => 2, // ChannelIndex, TagSeenCount
        9 => 4, // ROSpecID
        10 or 11 or 12 => 2, // InventoryParameterSpecID, C1G2CRC, C1G2PC
        13 => 12, // EPC-96
        14 or 15 => 2, // SpecIndex, ClientRequestOpSpecResult
        16 => 4, // AccessSpecID
        17 => 2, // OpSpecID
        18 => 4, // C1G2SingulationDetails
        _ => -1,
    };

    /// <summary>Reads the next parameter; false at the end of the span or on an error (see <see cref="Error"/>).</summary>
    public bool TryRead(out LlrpParameter parameter)
    {
        parameter = default;
        if (_position >= _span.Length || Error != LlrpRejectReason.None)
        {
            return false;
        }

        var remaining = _span[_position..];
        if ((remaining[0] & 0x80) != 0)
        {
            var tvType = remaining[0] & 0x7F;
            var length = TvValueLength(tvType);
            if (length < 0)
            {
                Error = LlrpRejectReason.Malformed;
                return false;
            }

            if (remaining.Length < 1 + length)
            {
                Error = LlrpRejectReason.ParameterOverrun;
                return false;
            }

            parameter = new LlrpParameter((ushort)tvType, isTv: true, remaining.Slice(1, length), _position + 1);
            _position += 1 + length;
            return true;
        }

        if (remaining.Length < 4)
        {
            Error = LlrpRejectReason.ParameterOverrun;
            return false;
        }

        var type = (ushort)(BinaryPrimitives.ReadUInt16BigEndian(remaining) & 0x3FF);
        int tlvLength = BinaryPrimitives.ReadUInt16BigEndian(remaining[2..]);
        if (tlvLength < 4 || tlvLength > remaining.Length)
        {
            Error = LlrpRejectReason.ParameterOverrun;
            return false;
        }

        parameter = new LlrpParameter(type, isTv: false, remaining[4..tlvLength], _position + 4);
        _position += tlvLength;
        return true;
    }
}
