namespace EdgeGateway.Drivers.Llrp;

/// <summary>Stable counter tags (<c>edgegw.driver.bad_frames{reason}</c>) for <see cref="LlrpRejectReason"/>.</summary>
public static class LlrpRejectReasons
{
    public static string CounterTag(this LlrpRejectReason reason) => reason switch
    {
        LlrpRejectReason.BadLength => "length",
        LlrpRejectReason.UnsupportedVersion => "version",
        LlrpRejectReason.ParameterOverrun => "overrun",
        LlrpRejectReason.Malformed => "malformed",
        LlrpRejectReason.Truncated => "truncated",
        _ => "none",
    };
}
