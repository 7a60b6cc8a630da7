using EdgeGateway.Drivers.Modbus;

namespace EdgeGateway.Tests.Modbus;

public sealed class ModbusCrcTests
{
    [Fact]
    public void Check_value_of_the_CRC_16_MODBUS_catalogue_is_4B37() =>
        Assert.Equal(0x4B37, ModbusCrc.Compute("123456789"u8));

    [Theory]
    [InlineData(new byte[] { 0x01, 0x03, 0x00, 0x00, 0x00, 0x0A }, 0xC5, 0xCD)]
    [InlineData(new byte[] { 0x01, 0x03, 0x00, 0x00, 0x00, 0x01 }, 0x84, 0x0A)]
    [InlineData(new byte[] { 0x11, 0x03, 0x00, 0x6B, 0x00, 0x03 }, 0x76, 0x87)]
    public void Crc_goes_on_the_wire_low_byte_first(byte[] frame, byte first, byte second)
    {
        var crc = ModbusCrc.Compute(frame);

        Assert.Equal((first, second), ((byte)crc, (byte)(crc >> 8)));
    }
}
