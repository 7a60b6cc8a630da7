namespace EdgeGateway.Drivers.Mattress;

/// <summary>
/// One decoded <c>$BCG</c> frame: the SCA11H data line's ten fields in the sensor's own units
/// (docs/protocols/mattress.md §2). A value of 0 means "no value" except RR at rest (§4).
/// </summary>
public readonly record struct MattressFrame(
    long SensorTimeUnixSeconds,
    int HeartRateBpm,
    int RespirationRateBrpm,
    int StrokeVolumeRelative,
    int HeartRateVariabilityMs,
    int SignalStrength,
    BedStatus Status,
    int BeatToBeatMs,
    int PreviousBeatToBeatMs,
    int SecondPreviousBeatToBeatMs);
