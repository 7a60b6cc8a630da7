namespace EdgeGateway.Drivers.Mattress;

/// <summary>The stable words used as the <c>reason</c> tag of <c>edgegw.driver.bad_frames</c> and in diag output.</summary>
public static class MattressRejectReasonTags
{
    public static string ToTag(this MattressRejectReason reason) => reason switch
    {
        MattressRejectReason.Garbage => "garbage",
        MattressRejectReason.Truncated => "truncated",
        MattressRejectReason.Overlong => "overlong",
        MattressRejectReason.Checksum => "checksum",
        MattressRejectReason.Malformed => "malformed",
        _ => "none",
    };
}
