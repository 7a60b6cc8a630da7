namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// LLRP 1.0.1 ReaderEventNotificationData (TLV 246): a timestamp and the events this gateway acts on.
/// Other events (hopping, GPI, buffer levels, AISpec) are skipped by length.
/// </summary>
public sealed record ReaderEventNotificationData(
    ulong? UtcMicroseconds,
    ulong? UptimeMicroseconds,
    ConnectionAttemptStatus? ConnectionAttempt,
    bool ConnectionClosed,
    RoSpecEvent? RoSpecEvent,
    string? ReaderException,
    AntennaEvent? AntennaEvent);
