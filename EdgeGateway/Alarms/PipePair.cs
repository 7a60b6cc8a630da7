namespace EdgeGateway.Alarms;

/// <summary>
/// Two pressure transmitters at the ends of one pipe (alarms.pipeBurst.pipes[]): the upstream one at 0 m,
/// the downstream one at <see cref="LengthM"/>, each sampled every <see cref="SamplingInterval"/>.
/// </summary>
public sealed record PipePair(string Id, string UpstreamDeviceId, string DownstreamDeviceId, double LengthM, double WaveSpeedMps, TimeSpan SamplingInterval);
