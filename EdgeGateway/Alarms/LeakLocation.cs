namespace EdgeGateway.Alarms;

/// <summary>Where along a pipe a burst is, in metres from the upstream transmitter, give or take <see cref="UncertaintyM"/>.</summary>
public readonly record struct LeakLocation(double PositionM, double UncertaintyM);
