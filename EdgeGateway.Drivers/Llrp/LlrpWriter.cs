using System.Buffers.Binary;
using System.Text;

namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// Builds one LLRP message: big-endian primitives, and TLV parameters whose 16-bit length (and the
/// message's 32-bit length) are patched in when the parameter or message is closed.
/// </summary>
internal sealed class LlrpWriter
{
    private byte[] _buffer = new byte[256];
    private int _length;

    public int Length => _length;

    public static LlrpWriter Message(LlrpMessageType type, uint messageId)
    {
        var writer = new LlrpWriter();
        // §16.1: 3 reserved bits (0), version 1, 10-bit type.
        writer.U16((ushort)((LlrpHeader.SupportedVersion << 10) | ((ushort)type & 0x3FF)));
        writer.U32(0);
        writer.U32(messageId);
        return writer;
    }

    public byte[] ToMessage()
    {
        BinaryPrimitives.WriteUInt32BigEndian(_buffer.AsSpan(2), (uint)_length);
        return _buffer.AsSpan(0, _length).ToArray();
    }

    public int BeginParameter(LlrpParameterType type)
    {
        var start = _length;
        U16((ushort)((ushort)type & 0x3FF));
        U16(0);
        return start;
    }

    public void EndParameter(int start) =>
        BinaryPrimitives.WriteUInt16BigEndian(_buffer.AsSpan(start + 2), checked((ushort)(_length - start)));

    public void Tv(LlrpParameterType type) => U8((byte)(0x80 | (byte)type));

    public void U8(byte value) => Reserve(1)[0] = value;

    public void U16(ushort value) => BinaryPrimitives.WriteUInt16BigEndian(Reserve(2), value);

    public void U32(uint value) => BinaryPrimitives.WriteUInt32BigEndian(Reserve(4), value);

    public void U64(ulong value) => BinaryPrimitives.WriteUInt64BigEndian(Reserve(8), value);

    public void Bytes(ReadOnlySpan<byte> value) => value.CopyTo(Reserve(value.Length));

    /// <summary>utf8v: a 16-bit byte count, then the UTF-8 bytes.</summary>
    public void Utf8V(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        U16(checked((ushort)bytes.Length));
        Bytes(bytes);
    }

    private Span<byte> Reserve(int count)
    {
        if (_length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _length + count));
        }

        var span = _buffer.AsSpan(_length, count);
        _length += count;
        return span;
    }
}
