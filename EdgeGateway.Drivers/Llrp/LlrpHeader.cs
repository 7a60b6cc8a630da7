using System.Buffers.Binary;

namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// The 10-byte LLRP message header (LLRP 1.0.1 §16.1): 3 reserved bits, 3-bit version, 10-bit type,
/// 32-bit length of the whole message including this header, 32-bit message id.
/// </summary>
public readonly record struct LlrpHeader(byte Version, ushort Type, uint Length, uint MessageId)
{
    public const int Size = 10;

    /// <summary>The only protocol version this codec speaks (LLRP 1.0.1).</summary>
    public const byte SupportedVersion = 1;

    public static LlrpHeader Read(ReadOnlySpan<byte> source)
    {
        var first = BinaryPrimitives.ReadUInt16BigEndian(source);
        return new LlrpHeader(
            (byte)((first >> 10) & 0x7),
            (ushort)(first & 0x3FF),
            BinaryPrimitives.ReadUInt32BigEndian(source[2..]),
            BinaryPrimitives.ReadUInt32BigEndian(source[6..]));
    }
}
