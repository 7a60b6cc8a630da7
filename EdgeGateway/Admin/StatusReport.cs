using EdgeGateway.Alarms;
using EdgeGateway.Cloud;
using EdgeGateway.Engine;
using EdgeGateway.Metrics;
using EdgeGateway.Outbox;

namespace EdgeGateway.Admin;

/// <summary>What <c>edgegw status</c> shows: one consistent picture of the running daemon.</summary>
public sealed record StatusReport(
    string GatewayId,
    string Version,
    DateTimeOffset StartedAt,
    double UptimeSeconds,
    IReadOnlyList<DeviceSnapshot> Devices,
    IReadOnlyList<ActiveAlarm> Alarms,
    OutboxStats Outbox,
    CloudStatusSnapshot Cloud,
    IReadOnlyList<MetricSample> Counters);
