using EdgeGateway.Drivers.Modbus;

namespace EdgeGateway.Tests.Modbus;

public sealed class ModbusCodecFuzzTests
{
    private const int Iterations = 100_000;

    [Fact]
    public void Random_and_mutated_bytes_never_throw_from_the_rtu_decoders_and_each_outcome_is_counted()
    {
        var random = new Random(4711);
        var valid = ModbusRtuCodecTests.Rtu(0x11, [0x03, 0x06, 0x02, 0x2B, 0x00, 0x00, 0x00, 0x64]);
        var counts = new int[4];
        var buffer = new byte[ModbusRtuCodec.MaxAduLength + 8];

        for (var i = 0; i < Iterations; i++)
        {
            var input = NextInput(random, valid, buffer);
            counts[(int)ModbusRtuCodec.DecodeResponse(input, out _, out var pdu, out _)]++;
            _ = ModbusPdu.DecodeResponse(pdu, ModbusRequest.ReadHoldingRegisters(0x6B, 3), out _, out _);
            _ = ModbusRtuCodec.DecodeRequest(input, out _, out var requestPdu, out _);
            _ = ModbusPdu.DecodeRequest(requestPdu, out _, out _);
        }

        Assert.Equal(Iterations, counts.Sum());
        Assert.All(counts, c => Assert.True(c > 0, "every status should be reached by random and mutated input"));
    }

    [Fact]
    public void Random_and_mutated_bytes_never_throw_from_the_tcp_decoder()
    {
        var random = new Random(815);
        byte[] valid = [0x00, 0x07, 0x00, 0x00, 0x00, 0x05, 0x01, 0x04, 0x02, 0x00, 0x0A];
        var counts = new int[4];
        var buffer = new byte[ModbusTcpCodec.MaxAduLength + 8];

        for (var i = 0; i < Iterations; i++)
        {
            var input = NextInput(random, valid, buffer);
            counts[(int)ModbusTcpCodec.Decode(input, out _, out var pdu, out _)]++;
            _ = ModbusPdu.DecodeResponse(pdu, ModbusRequest.ReadInputRegisters(8, 1), out _, out _);
            _ = ModbusPdu.DecodeRequest(pdu, out _, out _);
        }

        Assert.Equal(Iterations, counts.Sum());
        Assert.Equal(0, counts[(int)ModbusDecodeStatus.CrcError]);
        Assert.True(counts[(int)ModbusDecodeStatus.Frame] > 0 && counts[(int)ModbusDecodeStatus.Malformed] > 0);
    }

    // Half the inputs are uniformly random, half are a valid frame with a few bytes flipped or cut short.
    private static ReadOnlySpan<byte> NextInput(Random random, byte[] valid, byte[] buffer)
    {
        if (random.Next(2) == 0)
        {
            var length = random.Next(buffer.Length);
            random.NextBytes(buffer.AsSpan(0, length));
            return buffer.AsSpan(0, length);
        }

        valid.CopyTo(buffer, 0);
        for (var flips = random.Next(3); flips > 0; flips--)
        {
            buffer[random.Next(valid.Length)] ^= (byte)random.Next(1, 256);
        }

        return buffer.AsSpan(0, random.Next(valid.Length + 1));
    }
}
