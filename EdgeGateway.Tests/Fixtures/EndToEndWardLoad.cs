namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// How hard an <see cref="EndToEndWard"/> drives the daemon: pressure transmitters on Modbus TCP, each on a
/// connection of its own (one line each, polled in parallel) every <paramref name="PollIntervalMs"/>.
/// <paramref name="ExtraPoints"/> more registers per transmitter add a <c>modbus</c> reading per poll (bigger
/// messages fill a byte quota sooner). <paramref name="QuotaBytes"/> sets <c>outbox.quotaBytes</c>.
/// </summary>
public sealed record EndToEndWardLoad(int Transmitters = 4, int PollIntervalMs = 20, int ExtraPoints = 0, long? QuotaBytes = null);
