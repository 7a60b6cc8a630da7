using System.Buffers.Binary;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>Converts register words to and from typed values under a <see cref="WordOrder"/>.</summary>
public static class RegisterCodec
{
    /// <summary>How many registers a value of <paramref name="type"/> occupies.</summary>
    public static int RegisterCount(RegisterType type) => type is RegisterType.Int16 or RegisterType.UInt16 ? 1 : 2;

    /// <summary>Decodes the value at the start of <paramref name="registers"/>.</summary>
    public static double Decode(ReadOnlySpan<ushort> registers, RegisterType type, WordOrder order)
    {
        var byteSwapped = order is WordOrder.BADC or WordOrder.DCBA;
        if (type is RegisterType.Int16 or RegisterType.UInt16)
        {
            var word = byteSwapped ? BinaryPrimitives.ReverseEndianness(registers[0]) : registers[0];
            return type == RegisterType.Int16 ? (short)word : word;
        }

        var bits = ToAbcd(registers[0], registers[1], order);
        // Each arm widens to double on its own: a switch typed float would round 32-bit integers.
        return type switch
        {
            RegisterType.Int32 => (double)(int)bits,
            RegisterType.UInt32 => (double)bits,
            _ => (double)BitConverter.UInt32BitsToSingle(bits),
        };
    }

    /// <summary>Encodes <paramref name="value"/> (rounded for integer types) into <paramref name="destination"/>.</summary>
    public static void Encode(double value, RegisterType type, WordOrder order, Span<ushort> destination)
    {
        var byteSwapped = order is WordOrder.BADC or WordOrder.DCBA;
        switch (type)
        {
            case RegisterType.Int16:
            case RegisterType.UInt16:
                var word = type == RegisterType.Int16 ? (ushort)(short)Math.Round(value) : (ushort)Math.Round(value);
                destination[0] = byteSwapped ? BinaryPrimitives.ReverseEndianness(word) : word;
                return;
            default:
                var bits = type switch
                {
                    RegisterType.Int32 => (uint)(int)Math.Round(value),
                    RegisterType.UInt32 => (uint)Math.Round(value),
                    _ => BitConverter.SingleToUInt32Bits((float)value),
                };
                FromAbcd(bits, order, destination);
                return;
        }
    }

    private static uint ToAbcd(ushort first, ushort second, WordOrder order)
    {
        var (high, low) = order switch
        {
            WordOrder.ABCD => (first, second),
            WordOrder.CDAB => (second, first),
            WordOrder.BADC => (BinaryPrimitives.ReverseEndianness(first), BinaryPrimitives.ReverseEndianness(second)),
            _ => (BinaryPrimitives.ReverseEndianness(second), BinaryPrimitives.ReverseEndianness(first)),
        };
        return ((uint)high << 16) | low;
    }

    private static void FromAbcd(uint bits, WordOrder order, Span<ushort> destination)
    {
        var high = (ushort)(bits >> 16);
        var low = (ushort)bits;
        (destination[0], destination[1]) = order switch
        {
            WordOrder.ABCD => (high, low),
            WordOrder.CDAB => (low, high),
            WordOrder.BADC => (BinaryPrimitives.ReverseEndianness(high), BinaryPrimitives.ReverseEndianness(low)),
            _ => (BinaryPrimitives.ReverseEndianness(low), BinaryPrimitives.ReverseEndianness(high)),
        };
    }
}
