using System.Buffers.Binary;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>Modbus TCP ADU: MBAP header + PDU, big-endian fields, no CRC (TCP/IP Implementation Guide V1.0b §3.1.3).</summary>
public static class ModbusTcpCodec
{
    /// <summary>MBAP header length: transaction id, protocol id, length (2 bytes each) and unit id.</summary>
    public const int HeaderLength = 7;

    /// <summary>Largest TCP ADU: 7 header bytes + 253 PDU bytes.</summary>
    public const int MaxAduLength = HeaderLength + ModbusPdu.MaxLength;

    /// <summary>Writes the MBAP header and <paramref name="pdu"/>; returns the ADU length.</summary>
    public static int Encode(ushort transactionId, byte unitId, ReadOnlySpan<byte> pdu, Span<byte> destination)
    {
        if (pdu.IsEmpty || pdu.Length > ModbusPdu.MaxLength)
        {
            throw new ArgumentException($"a PDU is 1..{ModbusPdu.MaxLength} bytes", nameof(pdu));
        }

        var length = HeaderLength + pdu.Length;
        if (destination.Length < length)
        {
            throw new ArgumentException("destination too small for the ADU", nameof(destination));
        }

        BinaryPrimitives.WriteUInt16BigEndian(destination, transactionId);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], 0);
        BinaryPrimitives.WriteUInt16BigEndian(destination[4..], (ushort)(1 + pdu.Length));
        destination[6] = unitId;
        pdu.CopyTo(destination[HeaderLength..]);
        return length;
    }

    /// <summary>
    /// Decodes one ADU at the start of <paramref name="buffer"/>. A protocol id other than 0 or a length
    /// outside 2..254 is <see cref="ModbusDecodeStatus.Malformed"/>: the stream cannot be resynchronised
    /// and the connection should be dropped. <paramref name="frameLength"/> is set for a frame only.
    /// </summary>
    public static ModbusDecodeStatus Decode(ReadOnlySpan<byte> buffer, out MbapHeader header, out ReadOnlySpan<byte> pdu, out int frameLength)
    {
        header = default;
        pdu = default;
        frameLength = 0;
        if (buffer.Length < HeaderLength)
        {
            return ModbusDecodeStatus.NeedMoreData;
        }

        var protocolId = BinaryPrimitives.ReadUInt16BigEndian(buffer[2..]);
        var length = BinaryPrimitives.ReadUInt16BigEndian(buffer[4..]);
        if (protocolId != 0 || length < 2 || length > 1 + ModbusPdu.MaxLength)
        {
            return ModbusDecodeStatus.Malformed;
        }

        if (buffer.Length < 6 + length)
        {
            return ModbusDecodeStatus.NeedMoreData;
        }

        header = new MbapHeader(BinaryPrimitives.ReadUInt16BigEndian(buffer), protocolId, length, buffer[6]);
        frameLength = 6 + length;
        pdu = buffer[HeaderLength..frameLength];
        return ModbusDecodeStatus.Frame;
    }
}
