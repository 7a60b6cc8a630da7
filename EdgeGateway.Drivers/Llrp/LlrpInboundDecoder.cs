using System.Buffers;

namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// Frames and decodes what a peer sends, counting every outcome: each complete message is either decoded
/// (<c>frames</c>) or rejected with a reason (<c>bad_frames</c>), and bytes left when the stream ends are
/// counted as truncated. A message whose content is bad but whose framing holds is skipped; a bad header
/// is returned as <see cref="LlrpFrameStatus.Rejected"/> because the stream cannot be resynchronised.
/// </summary>
internal sealed class LlrpInboundDecoder(string deviceId, DriverMetrics? metrics, int maxMessageLength)
{
    public LlrpFrameStatus TryDecode(ref ReadOnlySequence<byte> buffer, out LlrpMessage? message, out LlrpRejectReason reason)
    {
        message = null;
        var status = LlrpFrameReader.TryReadFrame(ref buffer, maxMessageLength, out var frame, out reason);
        if (status == LlrpFrameStatus.Rejected)
        {
            metrics?.FrameRejected(deviceId, reason.CounterTag());
            return status;
        }

        if (status == LlrpFrameStatus.NeedMoreData)
        {
            return status;
        }

        reason = frame.IsSingleSegment
            ? LlrpMessageDecoder.Decode(frame.FirstSpan, out message)
            : LlrpMessageDecoder.Decode(frame.ToArray(), out message);
        if (reason == LlrpRejectReason.None)
        {
            metrics?.FrameDecoded(deviceId);
        }
        else
        {
            metrics?.FrameRejected(deviceId, reason.CounterTag());
        }

        return status;
    }

    /// <summary>Counts a partial message left when the stream ended; returns whether there was one.</summary>
    public bool EndOfStream(in ReadOnlySequence<byte> remaining)
    {
        if (remaining.IsEmpty)
        {
            return false;
        }

        metrics?.FrameRejected(deviceId, LlrpRejectReason.Truncated.CounterTag());
        return true;
    }
}
