using System.Diagnostics.Metrics;
using EdgeGateway.Alarms;
using EdgeGateway.Outbox;
using EdgeGateway.Telemetry;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Engine;

/// <summary>Active alarms across a restart (issue 6: re-announced, not re-raised as new).</summary>
public sealed partial class EngineService
{
    private readonly Counter<long> _restored;

    /// <summary>
    /// Takes back the alarms active when the daemon last stopped or died, before the first event is consumed:
    /// each is re-announced locally (retained topic, watchers, relays) without a new transition for the cloud,
    /// which already has it; one whose device, subject or rule is gone from the configuration is cleared with
    /// the reason, announced and forwarded like any clear. Runs before the consumer starts, so the engine's
    /// single-consumer rule holds.
    /// </summary>
    private async Task RestoreAlarmsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<StoredAlarm> stored;
        try
        {
            stored = await _outbox.LoadActiveAlarmsAsync(cancellationToken);
        }
        catch (OutboxUnavailableException e)
        {
            LogRestoreImpossible(_logger, e.Message);
            return;
        }

        if (stored.Count == 0)
        {
            return;
        }

        var now = _time.GetUtcNow();
        var devices = _registry.Devices.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        var reannounced = new List<AlarmTransition>();
        _engine.Restore(stored, devices, now, reannounced, _pending);
        foreach (var alarm in reannounced)
        {
            var (state, priority, raisedAt) = (TelemetryWriter.StateName(alarm.State), TelemetryWriter.PriorityName(alarm.Priority), TelemetryWriter.FormatTimestamp(alarm.RaisedAt));
            LogRestored(_logger, alarm.Type, alarm.Subject, state, priority, raisedAt, alarm.AlarmId);
            _restored.Add(1, new KeyValuePair<string, object?>("type", alarm.Type));
            Annunciate(alarm);
        }

        foreach (var cleared in _pending)
        {
            LogClearedAtStart(_logger, cleared.AlarmId, cleared.Message);
            Publish(cleared);
        }

        TakePending();
    }

    [LoggerMessage(EventId = 1220, Level = LogLevel.Information, Message = "Alarm {Type} on {Subject} restored after a restart, still {State} (priority {Priority}, raised at {RaisedAt}, id {AlarmId})")]
    private static partial void LogRestored(ILogger logger, string type, string subject, string state, string priority, string raisedAt, string alarmId);

    [LoggerMessage(EventId = 1221, Level = LogLevel.Warning, Message = "Alarm {AlarmId} not restored: {Reason}")]
    private static partial void LogClearedAtStart(ILogger logger, string alarmId, string reason);

    [LoggerMessage(EventId = 1222, Level = LogLevel.Error, Message = "Active alarms from before the restart cannot be restored: {Reason}. Conditions that still hold will be raised again as new alarms")]
    private static partial void LogRestoreImpossible(ILogger logger, string reason);
}
