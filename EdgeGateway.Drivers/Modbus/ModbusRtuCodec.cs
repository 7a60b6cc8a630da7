using System.Buffers.Binary;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// RTU application data unit: unit id, PDU, CRC low byte first (Modbus over Serial Line V1.02 §2.5.1.1).
/// RTU has no length field, so the decoder derives each frame's length from its function code and byte
/// count, as a master or slave that knows what it expects must; it never throws on bad input.
/// </summary>
public static class ModbusRtuCodec
{
    /// <summary>Largest RTU ADU: 1 unit id + 253 PDU + 2 CRC (Serial Line V1.02 §2.5.1).</summary>
    public const int MaxAduLength = 256;

    private const int ExceptionFlag = 0x80;

    // Sentinels of the length derivation: not enough bytes to know yet, or no frame can start here.
    private const int NeedMore = 0;
    private const int Malformed = -1;

    /// <summary>Writes unit id, <paramref name="pdu"/> and its CRC; returns the ADU length.</summary>
    public static int Encode(byte unitId, ReadOnlySpan<byte> pdu, Span<byte> destination)
    {
        if (pdu.IsEmpty || pdu.Length > ModbusPdu.MaxLength)
        {
            throw new ArgumentException($"a PDU is 1..{ModbusPdu.MaxLength} bytes", nameof(pdu));
        }

        var length = 1 + pdu.Length + 2;
        if (destination.Length < length)
        {
            throw new ArgumentException("destination too small for the ADU", nameof(destination));
        }

        destination[0] = unitId;
        pdu.CopyTo(destination[1..]);
        BinaryPrimitives.WriteUInt16LittleEndian(destination[(1 + pdu.Length)..], ModbusCrc.Compute(destination[..(1 + pdu.Length)]));
        return length;
    }

    /// <summary>
    /// Decodes a server's response frame (what a master reads) at the start of <paramref name="buffer"/>.
    /// <paramref name="frameLength"/> is the length of the frame for <see cref="ModbusDecodeStatus.Frame"/>
    /// and <see cref="ModbusDecodeStatus.CrcError"/>, 1 for <see cref="ModbusDecodeStatus.Malformed"/>
    /// (skip a byte to resynchronise), 0 when more data is needed.
    /// </summary>
    public static ModbusDecodeStatus DecodeResponse(ReadOnlySpan<byte> buffer, out byte unitId, out ReadOnlySpan<byte> pdu, out int frameLength) =>
        Decode(buffer, ResponseLength(buffer), out unitId, out pdu, out frameLength);

    /// <summary>Decodes a client's request frame (what a slave reads); same contract as <see cref="DecodeResponse"/>.</summary>
    public static ModbusDecodeStatus DecodeRequest(ReadOnlySpan<byte> buffer, out byte unitId, out ReadOnlySpan<byte> pdu, out int frameLength) =>
        Decode(buffer, RequestLength(buffer), out unitId, out pdu, out frameLength);

    private static ModbusDecodeStatus Decode(ReadOnlySpan<byte> buffer, int expectedLength, out byte unitId, out ReadOnlySpan<byte> pdu, out int frameLength)
    {
        unitId = 0;
        pdu = default;
        frameLength = 0;
        if (expectedLength == Malformed)
        {
            frameLength = 1;
            return ModbusDecodeStatus.Malformed;
        }

        if (expectedLength == NeedMore || buffer.Length < expectedLength)
        {
            return ModbusDecodeStatus.NeedMoreData;
        }

        frameLength = expectedLength;
        var body = buffer[..(expectedLength - 2)];
        if (BinaryPrimitives.ReadUInt16LittleEndian(buffer[(expectedLength - 2)..]) != ModbusCrc.Compute(body))
        {
            return ModbusDecodeStatus.CrcError;
        }

        unitId = body[0];
        pdu = body[1..];
        return ModbusDecodeStatus.Frame;
    }

    private static int ResponseLength(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < 2)
        {
            return NeedMore;
        }

        var function = buffer[1];
        if ((function & ExceptionFlag) != 0)
        {
            // Application Protocol V1.1b3 §7: function | 0x80, one exception code byte.
            return IsSupported((byte)(function & ~ExceptionFlag)) ? 1 + 2 + 2 : Malformed;
        }

        switch ((ModbusFunction)function)
        {
            case ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters:
                // §6.3/§6.4: function, byte count (2 x N, N <= 125), register values.
                if (buffer.Length < 3)
                {
                    return NeedMore;
                }

                var byteCount = buffer[2];
                return byteCount == 0 || byteCount > 2 * ModbusPdu.MaxReadQuantity || byteCount % 2 != 0 ? Malformed : 3 + byteCount + 2;
            case ModbusFunction.WriteSingleRegister or ModbusFunction.WriteMultipleRegisters:
                // §6.6/§6.12: function, address, value or quantity.
                return 1 + 5 + 2;
            default:
                return Malformed;
        }
    }

    private static int RequestLength(ReadOnlySpan<byte> buffer)
    {
        if (buffer.Length < 2)
        {
            return NeedMore;
        }

        switch ((ModbusFunction)buffer[1])
        {
            case ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters or ModbusFunction.WriteSingleRegister:
                return 1 + 5 + 2;
            case ModbusFunction.WriteMultipleRegisters:
                // §6.12: function, address, quantity, byte count, values.
                return buffer.Length < 7 ? NeedMore : 1 + 6 + buffer[6] + 2;
            default:
                return Malformed;
        }
    }

    private static bool IsSupported(byte function) =>
        (ModbusFunction)function is ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters
            or ModbusFunction.WriteSingleRegister or ModbusFunction.WriteMultipleRegisters;
}
