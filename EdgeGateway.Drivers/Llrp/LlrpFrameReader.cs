using System.Buffers;

namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// Slices whole LLRP messages off a byte stream. LLRP over TCP has no delimiter: the header's length
/// (LLRP 1.0.1 §16.1) is the only framing, so an impossible length or version means the stream can no
/// longer be trusted and the caller resets the connection.
/// </summary>
public static class LlrpFrameReader
{
    /// <summary>Default upper bound for one message; a reader reports in many small messages, never megabytes.</summary>
    public const int DefaultMaxMessageLength = 1024 * 1024;

    /// <summary>
    /// Reads one message from the start of <paramref name="buffer"/>. On <see cref="LlrpFrameStatus.Complete"/>
    /// <paramref name="message"/> holds the whole message (header included) and <paramref name="buffer"/> is
    /// advanced past it; otherwise <paramref name="buffer"/> is unchanged.
    /// </summary>
    public static LlrpFrameStatus TryReadFrame(
        ref ReadOnlySequence<byte> buffer,
        int maxMessageLength,
        out ReadOnlySequence<byte> message,
        out LlrpRejectReason reason)
    {
        message = default;
        reason = LlrpRejectReason.None;
        if (buffer.Length < LlrpHeader.Size)
        {
            return LlrpFrameStatus.NeedMoreData;
        }

        Span<byte> headerBytes = stackalloc byte[LlrpHeader.Size];
        buffer.Slice(0, LlrpHeader.Size).CopyTo(headerBytes);
        var header = LlrpHeader.Read(headerBytes);
        if (header.Version != LlrpHeader.SupportedVersion)
        {
            reason = LlrpRejectReason.UnsupportedVersion;
            return LlrpFrameStatus.Rejected;
        }

        if (header.Length < LlrpHeader.Size || header.Length > (uint)maxMessageLength)
        {
            reason = LlrpRejectReason.BadLength;
            return LlrpFrameStatus.Rejected;
        }

        if (buffer.Length < header.Length)
        {
            return LlrpFrameStatus.NeedMoreData;
        }

        message = buffer.Slice(0, header.Length);
        buffer = buffer.Slice(header.Length);
        return LlrpFrameStatus.Complete;
    }
}
