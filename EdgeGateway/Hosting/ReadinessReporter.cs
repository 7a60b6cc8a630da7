using System.Diagnostics;
using EdgeGateway.Admin;
using EdgeGateway.Cloud;
using EdgeGateway.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hosting;

/// <summary>
/// Logs one line when every service has started (the moment systemd is told READY=1): how long start-up
/// took from process start, and the state of the outbox and the uplink.
/// </summary>
public sealed partial class ReadinessReporter(
    IHostApplicationLifetime lifetime,
    OutboxStore outbox,
    CloudStatus cloud,
    GatewayReadiness readiness,
    ILogger<ReadinessReporter> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() =>
        {
            var elapsed = DateTime.Now - Process.GetCurrentProcess().StartTime;
            readiness.MarkReady(elapsed);
            var uplink = cloud.Snapshot().Endpoint;
            LogReady(logger, AdminCommands.Version, elapsed.TotalMilliseconds, outbox.Problem ?? "ok", uplink);
        });
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "edgegw {Version} ready in {Milliseconds:0} ms (outbox: {Outbox}; cloud: {Cloud})")]
    private static partial void LogReady(ILogger logger, string version, double milliseconds, string outbox, string cloud);
}
