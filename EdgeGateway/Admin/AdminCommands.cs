using System.Reflection;
using System.Text.Json;
using EdgeGateway.Cloud;
using EdgeGateway.Engine;
using EdgeGateway.Metrics;
using EdgeGateway.Outbox;
using EdgeGateway.Stock;

namespace EdgeGateway.Admin;

/// <summary>What the admin socket can be asked; each answer is a record, returned as its JSON (<see cref="AdminJson"/>).</summary>
public sealed class AdminCommands(
    string gatewayId,
    DeviceRegistry registry,
    EngineService engine,
    OutboxStore outbox,
    CloudStatus cloud,
    MetricsCollector metrics,
    TimeProvider time,
    StockAdminCommands? stock = null)
{
    private readonly DateTimeOffset _startedAt = time.GetUtcNow();

    public static string Version { get; } =
        typeof(AdminCommands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "unknown";

    /// <summary>The active alarms, as <c>alarms</c> answers and <c>alarms --watch</c> starts with.</summary>
    public IReadOnlyList<Alarms.ActiveAlarm> ActiveAlarms => engine.ActiveAlarms;

    public async Task<JsonElement> ExecuteAsync(AdminRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var now = time.GetUtcNow();
        return request.Command switch
        {
            "status" => AdminJson.ToElement(new StatusReport(gatewayId, Version, _startedAt, Math.Round((now - _startedAt).TotalSeconds, 1),
                registry.Snapshot(now), engine.ActiveAlarms, await outbox.GetStatsAsync(cancellationToken), cloud.Snapshot(),
                [.. metrics.Snapshot().Where(s => s.Kind == "counter" && s.Value > 0)])),
            "devices" => AdminJson.ToElement(registry.Snapshot(now)),
            "alarms" => AdminJson.ToElement(engine.ActiveAlarms),
            "outbox" => AdminJson.ToElement(await outbox.GetStatsAsync(cancellationToken)),
            "alarms.ack" => AdminJson.ToElement(await engine.AcknowledgeAsync(Argument(request, "alarmId"), request.Caller ?? "admin socket", cancellationToken)),
            "beds.arm" or "beds.disarm" => AdminJson.ToElement(await engine.SetBedArmedAsync(Argument(request, "bed"), request.Command == "beds.arm", cancellationToken)),
            "outbox.dead" => AdminJson.ToElement(await outbox.ListDeadLettersAsync(100, cancellationToken)),
            _ when stock is not null && StockAdminCommands.Names.Contains(request.Command) => await stock.ExecuteAsync(request, cancellationToken),
            _ => throw new ArgumentException($"unknown command \"{request.Command}\" (known: status, devices, alarms, outbox, outbox.dead, alarms.ack, beds.arm, beds.disarm{(stock is null ? "" : ", " + string.Join(", ", StockAdminCommands.Names))})"),
        };
    }

    private static string Argument(AdminRequest request, string name) =>
        request.Arguments?.GetValueOrDefault(name) is { Length: > 0 } value ? value : throw new ArgumentException($"{request.Command} needs the argument \"{name}\"");
}
