using System.Buffers.Binary;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// Protocol data units of functions 03, 04, 06 and 16 for both sides (Modbus Application Protocol V1.1b3 §6):
/// the master encodes requests and decodes responses; the simulator decodes requests and encodes responses.
/// Register values travel big-endian (§4.2).
/// </summary>
public static class ModbusPdu
{
    /// <summary>Largest PDU: 256-byte serial ADU less unit id and CRC (§4.1).</summary>
    public const int MaxLength = 253;

    /// <summary>Most registers one 03/04 request may read (§6.3: 1 to 125, 0x7D).</summary>
    public const int MaxReadQuantity = 125;

    /// <summary>Most registers one 16 request may write (§6.12: 1 to 123, 0x7B).</summary>
    public const int MaxWriteQuantity = 123;

    private const byte ExceptionFlag = 0x80;

    /// <summary>Encodes a request; returns the PDU length. Throws on quantities outside the spec (a caller bug, not wire input).</summary>
    public static int EncodeRequest(in ModbusRequest request, Span<byte> destination)
    {
        destination[0] = (byte)request.Function;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], request.Address);
        switch (request.Function)
        {
            case ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters:
                ArgumentOutOfRangeException.ThrowIfZero(request.Quantity);
                ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Quantity, MaxReadQuantity);
                BinaryPrimitives.WriteUInt16BigEndian(destination[3..], request.Quantity);
                return 5;
            case ModbusFunction.WriteSingleRegister:
                if (request.Values.Length != 1)
                {
                    throw new ArgumentException("write single register carries exactly one value", nameof(request));
                }

                BinaryPrimitives.WriteUInt16BigEndian(destination[3..], request.Values.Span[0]);
                return 5;
            case ModbusFunction.WriteMultipleRegisters:
                var values = request.Values.Span;
                if (values.IsEmpty || values.Length > MaxWriteQuantity || values.Length != request.Quantity)
                {
                    throw new ArgumentException($"write multiple registers carries 1..{MaxWriteQuantity} values", nameof(request));
                }

                BinaryPrimitives.WriteUInt16BigEndian(destination[3..], request.Quantity);
                destination[5] = (byte)(2 * values.Length);
                WriteRegisters(values, destination[6..]);
                return 6 + (2 * values.Length);
            default:
                throw new ArgumentException($"function {request.Function} is not supported", nameof(request));
        }
    }

    /// <summary>
    /// Decodes the server's answer to <paramref name="request"/>. For reads, <paramref name="registerData"/>
    /// is the big-endian register bytes (2 x quantity); for an exception response the code is set.
    /// </summary>
    public static ModbusPduStatus DecodeResponse(ReadOnlySpan<byte> pdu, in ModbusRequest request, out ReadOnlySpan<byte> registerData, out ModbusExceptionCode exceptionCode)
    {
        registerData = default;
        exceptionCode = default;
        if (pdu.IsEmpty)
        {
            return ModbusPduStatus.Malformed;
        }

        var function = (byte)request.Function;
        if (pdu[0] == (function | ExceptionFlag))
        {
            if (pdu.Length != 2)
            {
                return ModbusPduStatus.Malformed;
            }

            exceptionCode = (ModbusExceptionCode)pdu[1];
            return ModbusPduStatus.Exception;
        }

        if (pdu[0] != function)
        {
            return ModbusPduStatus.Malformed;
        }

        switch (request.Function)
        {
            case ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters:
                if (pdu.Length < 2 || pdu[1] != 2 * request.Quantity || pdu.Length != 2 + pdu[1])
                {
                    return ModbusPduStatus.Malformed;
                }

                registerData = pdu[2..];
                return ModbusPduStatus.Ok;
            case ModbusFunction.WriteSingleRegister:
                // §6.6: the normal response is an echo of the request.
                return pdu.Length == 5
                    && BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]) == request.Address
                    && BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]) == request.Values.Span[0]
                    ? ModbusPduStatus.Ok
                    : ModbusPduStatus.Malformed;
            case ModbusFunction.WriteMultipleRegisters:
                // §6.12: the response echoes starting address and quantity.
                return pdu.Length == 5
                    && BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]) == request.Address
                    && BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]) == request.Quantity
                    ? ModbusPduStatus.Ok
                    : ModbusPduStatus.Malformed;
            default:
                return ModbusPduStatus.Malformed;
        }
    }

    /// <summary>
    /// Slave side: decodes a request. <see cref="ModbusPduStatus.Exception"/> means the slave must answer
    /// with <paramref name="exceptionCode"/> (01 for an unknown function, 03 for a bad quantity or byte count,
    /// as the §6.3/§6.4/§6.6/§6.12 state diagrams say); the address range is the register bank's to check (02).
    /// </summary>
    public static ModbusPduStatus DecodeRequest(ReadOnlySpan<byte> pdu, out ModbusRequest request, out ModbusExceptionCode exceptionCode)
    {
        request = default;
        exceptionCode = default;
        if (pdu.IsEmpty)
        {
            return ModbusPduStatus.Malformed;
        }

        var function = (ModbusFunction)pdu[0];
        if (function is not (ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters
            or ModbusFunction.WriteSingleRegister or ModbusFunction.WriteMultipleRegisters))
        {
            exceptionCode = ModbusExceptionCode.IllegalFunction;
            return ModbusPduStatus.Exception;
        }

        exceptionCode = ModbusExceptionCode.IllegalDataValue;
        if (pdu.Length < 5)
        {
            return ModbusPduStatus.Exception;
        }

        var address = BinaryPrimitives.ReadUInt16BigEndian(pdu[1..]);
        var word = BinaryPrimitives.ReadUInt16BigEndian(pdu[3..]);
        switch (function)
        {
            case ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters:
                if (pdu.Length != 5 || word is 0 or > MaxReadQuantity)
                {
                    return ModbusPduStatus.Exception;
                }

                request = new ModbusRequest(function, address, word, ReadOnlyMemory<ushort>.Empty);
                break;
            case ModbusFunction.WriteSingleRegister:
                if (pdu.Length != 5)
                {
                    return ModbusPduStatus.Exception;
                }

                request = ModbusRequest.WriteSingleRegister(address, word);
                break;
            default:
                if (word is 0 or > MaxWriteQuantity || pdu.Length < 6 || pdu[5] != 2 * word || pdu.Length != 6 + pdu[5])
                {
                    return ModbusPduStatus.Exception;
                }

                var values = new ushort[word];
                ReadRegisters(pdu[6..], values);
                request = ModbusRequest.WriteMultipleRegisters(address, values);
                break;
        }

        exceptionCode = default;
        return ModbusPduStatus.Ok;
    }

    /// <summary>Slave side: a 03/04 response (§6.3/§6.4): function, byte count, registers.</summary>
    public static int EncodeReadResponse(ModbusFunction function, ReadOnlySpan<ushort> registers, Span<byte> destination)
    {
        destination[0] = (byte)function;
        destination[1] = (byte)(2 * registers.Length);
        WriteRegisters(registers, destination[2..]);
        return 2 + (2 * registers.Length);
    }

    /// <summary>Slave side: a 06 or 16 response (§6.6/§6.12): function, address, value (06) or quantity (16).</summary>
    public static int EncodeWriteResponse(ModbusFunction function, ushort address, ushort valueOrQuantity, Span<byte> destination)
    {
        destination[0] = (byte)function;
        BinaryPrimitives.WriteUInt16BigEndian(destination[1..], address);
        BinaryPrimitives.WriteUInt16BigEndian(destination[3..], valueOrQuantity);
        return 5;
    }

    /// <summary>Slave side: an exception response (§7): function | 0x80, exception code.</summary>
    public static int EncodeException(byte functionCode, ModbusExceptionCode code, Span<byte> destination)
    {
        destination[0] = (byte)(functionCode | ExceptionFlag);
        destination[1] = (byte)code;
        return 2;
    }

    /// <summary>Reads big-endian register bytes into <paramref name="destination"/> (one register per 2 bytes).</summary>
    public static void ReadRegisters(ReadOnlySpan<byte> data, Span<ushort> destination)
    {
        for (var i = 0; i < destination.Length; i++)
        {
            destination[i] = BinaryPrimitives.ReadUInt16BigEndian(data[(2 * i)..]);
        }
    }

    private static void WriteRegisters(ReadOnlySpan<ushort> registers, Span<byte> destination)
    {
        for (var i = 0; i < registers.Length; i++)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[(2 * i)..], registers[i]);
        }
    }
}
