using EdgeGateway.Drivers.Modbus;

namespace EdgeGateway.Tests.Modbus;

public sealed class ModbusRtuCodecTests
{
    // Application Protocol V1.1b3 §6.3 example, addressed to slave 0x11 over RTU.
    private static readonly byte[] SpecReadRequest = [0x11, 0x03, 0x00, 0x6B, 0x00, 0x03, 0x76, 0x87];

    [Fact]
    public void Encodes_the_spec_read_holding_registers_request_with_its_crc()
    {
        Span<byte> pdu = stackalloc byte[ModbusPdu.MaxLength];
        var pduLength = ModbusPdu.EncodeRequest(ModbusRequest.ReadHoldingRegisters(0x006B, 3), pdu);
        var adu = new byte[ModbusRtuCodec.MaxAduLength];

        var length = ModbusRtuCodec.Encode(0x11, pdu[..pduLength], adu);

        Assert.Equal(SpecReadRequest, adu[..length]);
    }

    [Fact]
    public void Decodes_the_spec_read_holding_registers_response()
    {
        var frame = Rtu(0x11, [0x03, 0x06, 0x02, 0x2B, 0x00, 0x00, 0x00, 0x64]);

        var status = ModbusRtuCodec.DecodeResponse(frame, out var unit, out var pdu, out var length);

        Assert.Equal(ModbusDecodeStatus.Frame, status);
        Assert.Equal(0x11, unit);
        Assert.Equal(frame.Length, length);
        Assert.Equal(ModbusPduStatus.Ok, ModbusPdu.DecodeResponse(pdu, ModbusRequest.ReadHoldingRegisters(0x006B, 3), out var data, out _));
        var registers = new ushort[3];
        ModbusPdu.ReadRegisters(data, registers);
        Assert.Equal([555, 0, 100], registers);
    }

    [Fact]
    public void Decodes_the_spec_request_on_the_slave_side()
    {
        var status = ModbusRtuCodec.DecodeRequest(SpecReadRequest, out var unit, out var pdu, out var length);

        Assert.Equal(ModbusDecodeStatus.Frame, status);
        Assert.Equal((0x11, 8), (unit, length));
        Assert.Equal(ModbusPduStatus.Ok, ModbusPdu.DecodeRequest(pdu, out var request, out _));
        Assert.Equal((ModbusFunction.ReadHoldingRegisters, (ushort)0x6B, (ushort)3), (request.Function, request.Address, request.Quantity));
    }

    [Fact]
    public void Every_prefix_of_a_frame_needs_more_data()
    {
        var frame = Rtu(0x11, [0x03, 0x06, 0x02, 0x2B, 0x00, 0x00, 0x00, 0x64]);

        for (var i = 0; i < frame.Length; i++)
        {
            Assert.Equal(ModbusDecodeStatus.NeedMoreData, ModbusRtuCodec.DecodeResponse(frame.AsSpan(0, i), out _, out _, out var consumed));
            Assert.Equal(0, consumed);
        }
    }

    [Fact]
    public void A_corrupted_byte_is_a_crc_error_with_the_frame_length_to_discard()
    {
        var frame = Rtu(0x11, [0x03, 0x06, 0x02, 0x2B, 0x00, 0x00, 0x00, 0x64]);
        frame[4] ^= 0x01;

        var status = ModbusRtuCodec.DecodeResponse(frame, out _, out var pdu, out var length);

        Assert.Equal(ModbusDecodeStatus.CrcError, status);
        Assert.Equal(frame.Length, length);
        Assert.True(pdu.IsEmpty);
    }

    [Fact]
    public void An_exception_response_is_five_bytes()
    {
        var frame = Rtu(0x0A, [0x83, 0x02]);

        var status = ModbusRtuCodec.DecodeResponse([.. frame, 0x0A, 0x03], out var unit, out var pdu, out var length);

        Assert.Equal(ModbusDecodeStatus.Frame, status);
        Assert.Equal((0x0A, 5), (unit, length));
        Assert.Equal([0x83, 0x02], pdu.ToArray());
    }

    [Fact]
    public void Write_multiple_request_length_comes_from_its_byte_count()
    {
        var frame = Rtu(0x01, [0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x0A, 0x01, 0x02]);

        Assert.Equal(ModbusDecodeStatus.NeedMoreData, ModbusRtuCodec.DecodeRequest(frame.AsSpan(0, 12), out _, out _, out _));
        Assert.Equal(ModbusDecodeStatus.Frame, ModbusRtuCodec.DecodeRequest(frame, out _, out _, out var length));
        Assert.Equal(13, length);
    }

    [Theory]
    [InlineData(new byte[] { 0x01, 0x07 })]
    [InlineData(new byte[] { 0x01, 0x81, 0x01 })]
    [InlineData(new byte[] { 0x01, 0x03, 0x05 })]
    [InlineData(new byte[] { 0x01, 0x03, 0x00 })]
    public void An_unknown_function_or_impossible_byte_count_is_malformed_and_skips_one_byte(byte[] bytes)
    {
        Assert.Equal(ModbusDecodeStatus.Malformed, ModbusRtuCodec.DecodeResponse(bytes, out _, out _, out var skip));
        Assert.Equal(1, skip);
    }

    internal static byte[] Rtu(byte unit, byte[] pdu)
    {
        var adu = new byte[ModbusRtuCodec.MaxAduLength];
        return adu[..ModbusRtuCodec.Encode(unit, pdu, adu)];
    }
}
