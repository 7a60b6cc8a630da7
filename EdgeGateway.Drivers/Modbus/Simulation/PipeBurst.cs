namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>A simulated burst and when its negative pressure wave reaches each transmitter.</summary>
public sealed record PipeBurst(double PositionMeters, double DropKpa, DateTimeOffset StartedAt, DateTimeOffset UpstreamArrival, DateTimeOffset DownstreamArrival);
