using EdgeGateway.Drivers.Modbus;

namespace EdgeGateway.Tests.Modbus;

public sealed class RegisterCodecTests
{
    // 123.456f is 0x42F6E979; -12.5f is 0xC1480000; 0x12345678 = 305419896; 0xFFFFFFFE is -2 or 4294967294.
    [Theory]
    [InlineData(RegisterType.Float32, WordOrder.ABCD, 0x42F6, 0xE979, 123.456f)]
    [InlineData(RegisterType.Float32, WordOrder.CDAB, 0xE979, 0x42F6, 123.456f)]
    [InlineData(RegisterType.Float32, WordOrder.BADC, 0xF642, 0x79E9, 123.456f)]
    [InlineData(RegisterType.Float32, WordOrder.DCBA, 0x79E9, 0xF642, 123.456f)]
    [InlineData(RegisterType.Float32, WordOrder.ABCD, 0xC148, 0x0000, -12.5f)]
    [InlineData(RegisterType.Float32, WordOrder.DCBA, 0x0000, 0x48C1, -12.5f)]
    [InlineData(RegisterType.Int32, WordOrder.ABCD, 0x1234, 0x5678, 305419896)]
    [InlineData(RegisterType.Int32, WordOrder.CDAB, 0x5678, 0x1234, 305419896)]
    [InlineData(RegisterType.Int32, WordOrder.BADC, 0x3412, 0x7856, 305419896)]
    [InlineData(RegisterType.Int32, WordOrder.DCBA, 0x7856, 0x3412, 305419896)]
    [InlineData(RegisterType.Int32, WordOrder.ABCD, 0xFFFF, 0xFFFE, -2)]
    [InlineData(RegisterType.Int32, WordOrder.CDAB, 0xFFFE, 0xFFFF, -2)]
    [InlineData(RegisterType.UInt32, WordOrder.ABCD, 0xFFFF, 0xFFFE, 4294967294)]
    [InlineData(RegisterType.UInt32, WordOrder.CDAB, 0x5678, 0x1234, 305419896)]
    [InlineData(RegisterType.UInt32, WordOrder.BADC, 0xFFFF, 0xFEFF, 4294967294)]
    [InlineData(RegisterType.UInt32, WordOrder.DCBA, 0xFEFF, 0xFFFF, 4294967294)]
    [InlineData(RegisterType.Int16, WordOrder.ABCD, 0xFF38, 0, -200)]
    [InlineData(RegisterType.Int16, WordOrder.CDAB, 0xFF38, 0, -200)]
    [InlineData(RegisterType.Int16, WordOrder.BADC, 0x38FF, 0, -200)]
    [InlineData(RegisterType.Int16, WordOrder.DCBA, 0x38FF, 0, -200)]
    [InlineData(RegisterType.UInt16, WordOrder.ABCD, 0xFF38, 0, 65336)]
    [InlineData(RegisterType.UInt16, WordOrder.BADC, 0x38FF, 0, 65336)]
    public void Decodes_and_encodes_every_type_in_every_word_order(RegisterType type, WordOrder order, int first, int second, double expected)
    {
        ushort[] registers = [(ushort)first, (ushort)second];
        var count = RegisterCodec.RegisterCount(type);

        Assert.Equal(expected, RegisterCodec.Decode(registers, type, order));
        var encoded = new ushort[2];
        RegisterCodec.Encode(expected, type, order, encoded);
        Assert.Equal(registers[..count], encoded[..count]);
    }
}
