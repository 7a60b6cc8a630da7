namespace EdgeGateway.Drivers.Mattress;

/// <summary>The outcome of one <see cref="MattressFrameDecoder.Decode(ReadOnlySpan{byte}, out int)"/> call.</summary>
public enum MattressDecodeStatus
{
    /// <summary>Every decodable byte was consumed; keep the rest and call again when more bytes arrive.</summary>
    NeedMoreData,

    /// <summary>A valid frame was decoded.</summary>
    Frame,

    /// <summary>Bytes were rejected (see the reason); decoding continues at the next <c>$</c>.</summary>
    Rejected,
}
