namespace EdgeGateway.Drivers.Epc;

/// <summary>Big-endian bit-field access into an EPC (bit 0 is the most significant bit of the first byte).</summary>
internal static class EpcBits
{
    public static ulong Read(ReadOnlySpan<byte> source, int offset, int count)
    {
        ulong value = 0;
        for (var i = offset; i < offset + count; i++)
        {
            value = (value << 1) | (uint)((source[i >> 3] >> (7 - (i & 7))) & 1);
        }

        return value;
    }

    public static void Write(Span<byte> target, int offset, int count, ulong value)
    {
        for (var i = 0; i < count; i++)
        {
            var bit = (int)((value >> (count - 1 - i)) & 1);
            var position = offset + i;
            var mask = (byte)(1 << (7 - (position & 7)));
            target[position >> 3] = bit == 1 ? (byte)(target[position >> 3] | mask) : (byte)(target[position >> 3] & ~mask);
        }
    }
}
