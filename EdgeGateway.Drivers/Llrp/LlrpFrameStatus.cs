namespace EdgeGateway.Drivers.Llrp;

/// <summary>What <see cref="LlrpFrameReader.TryReadFrame"/> found at the start of the buffer.</summary>
public enum LlrpFrameStatus
{
    /// <summary>A complete message was sliced off the buffer.</summary>
    Complete,

    /// <summary>Not enough bytes yet for the header or for the length it announces.</summary>
    NeedMoreData,

    /// <summary>The header is impossible; framing is lost and the connection must be reset.</summary>
    Rejected,
}
