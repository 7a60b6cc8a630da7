namespace EdgeGateway.Alarms;

/// <summary>The heart-rate and respiration-rate limits of one bed.</summary>
public sealed record VitalsLimits(AlarmLimits HeartRateBpm, AlarmLimits RespirationRateBrpm);
