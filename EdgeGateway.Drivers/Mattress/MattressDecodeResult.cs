namespace EdgeGateway.Drivers.Mattress;

/// <summary>
/// What the decoder found: a frame, a rejection with its reason and a fixed description (never payload bytes,
/// which carry patient vitals), or the need for more data.
/// </summary>
public readonly record struct MattressDecodeResult(
    MattressDecodeStatus Status,
    MattressFrame Frame,
    MattressRejectReason Reason,
    string? Detail)
{
    public static MattressDecodeResult NeedMoreData => default;

    public static MattressDecodeResult Decoded(in MattressFrame frame) =>
        new(MattressDecodeStatus.Frame, frame, MattressRejectReason.None, null);

    public static MattressDecodeResult Rejected(MattressRejectReason reason, string detail) =>
        new(MattressDecodeStatus.Rejected, default, reason, detail);
}
