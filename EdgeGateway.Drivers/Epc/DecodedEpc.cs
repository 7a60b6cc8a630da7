namespace EdgeGateway.Drivers.Epc;

/// <summary>An EPC as read from a tag: its hex, its 8-bit header (TDS §14.2), and the SGTIN when it is one.</summary>
public sealed record DecodedEpc(EpcScheme Scheme, byte Header, string Hex, Sgtin? Sgtin)
{
    /// <summary>The scheme as named in telemetry: <c>sgtin-96</c>, <c>sgtin-198</c> or <c>raw</c>.</summary>
    public string SchemeName => Scheme switch
    {
        EpcScheme.Sgtin96 => "sgtin-96",
        EpcScheme.Sgtin198 => "sgtin-198",
        _ => "raw",
    };
}
