using EdgeGateway.Drivers.Modbus;

namespace EdgeGateway.Tests.Modbus;

public sealed class ModbusTcpCodecTests
{
    [Fact]
    public void Encodes_the_mbap_header_big_endian_with_length_counting_unit_and_pdu()
    {
        var adu = new byte[ModbusTcpCodec.MaxAduLength];

        var length = ModbusTcpCodec.Encode(0x1234, 0x11, [0x03, 0x00, 0x6B, 0x00, 0x03], adu);

        Assert.Equal([0x12, 0x34, 0x00, 0x00, 0x00, 0x06, 0x11, 0x03, 0x00, 0x6B, 0x00, 0x03], adu[..length]);
    }

    [Fact]
    public void Decodes_a_response_with_its_header()
    {
        byte[] adu = [0x00, 0x07, 0x00, 0x00, 0x00, 0x05, 0x01, 0x04, 0x02, 0x00, 0x0A, 0xEE];

        var status = ModbusTcpCodec.Decode(adu, out var header, out var pdu, out var length);

        Assert.Equal(ModbusDecodeStatus.Frame, status);
        Assert.Equal(new MbapHeader(7, 0, 5, 1), header);
        Assert.Equal(11, length);
        Assert.Equal([0x04, 0x02, 0x00, 0x0A], pdu.ToArray());
    }

    [Fact]
    public void A_truncated_adu_needs_more_data()
    {
        byte[] adu = [0x00, 0x07, 0x00, 0x00, 0x00, 0x05, 0x01, 0x04, 0x02, 0x00, 0x0A];

        for (var i = 0; i < adu.Length; i++)
        {
            Assert.Equal(ModbusDecodeStatus.NeedMoreData, ModbusTcpCodec.Decode(adu.AsSpan(0, i), out _, out _, out _));
        }
    }

    [Theory]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x01, 0x00, 0x03, 0x01, 0x83, 0x02 })]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x01 })]
    [InlineData(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x00, 0xFF, 0x01 })]
    public void A_nonzero_protocol_id_or_impossible_length_is_malformed(byte[] adu) =>
        Assert.Equal(ModbusDecodeStatus.Malformed, ModbusTcpCodec.Decode(adu, out _, out _, out _));
}
