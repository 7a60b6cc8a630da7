namespace EdgeGateway.Drivers.Mattress;

/// <summary>
/// One line seen by <c>edgegw diag serial</c>: a decoded frame with its reading, or a rejection with its reason
/// tag (garbage, truncated, overlong, checksum, malformed) and a fixed description.
/// </summary>
public sealed record MattressDiagnosticEntry(
    DateTimeOffset ReceivedAt,
    MattressFrame? Frame,
    VitalsReading? Reading,
    string? RejectReason,
    string? Detail);
