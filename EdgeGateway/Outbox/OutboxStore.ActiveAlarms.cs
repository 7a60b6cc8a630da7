using EdgeGateway.Alarms;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Outbox;

/// <summary>The active alarms kept in outbox.db across restarts (<see cref="ActiveAlarmTable"/>).</summary>
public sealed partial class OutboxStore
{
    /// <summary>
    /// The alarms that were active when the daemon last stopped or died, for the engine to take back at start,
    /// before anything is appended (appends still queued are not seen). Throws <see cref="OutboxUnavailableException"/>
    /// when the file cannot be read.
    /// </summary>
    public async Task<IReadOnlyList<StoredAlarm>> LoadActiveAlarmsAsync(CancellationToken cancellationToken)
    {
        if (Problem is { } problem)
        {
            throw new OutboxUnavailableException(problem);
        }

        try
        {
            await using var connection = await OpenReaderAsync(cancellationToken);
            var unreadable = new List<string>();
            var alarms = await ActiveAlarmTable.LoadAsync(connection, unreadable, cancellationToken);
            foreach (var alarmId in unreadable)
            {
                LogActiveAlarmUnreadable(_logger, alarmId, _settings.DatabasePath);
            }

            return alarms;
        }
        catch (SqliteException e)
        {
            throw new OutboxUnavailableException($"cannot read the active alarms in {_settings.DatabasePath}: {e.Message}", e);
        }
    }

    /// <summary>An alarm message's change to the stored active alarms, in the message's transaction.</summary>
    private void StoreActiveAlarm(PendingAppend append)
    {
        if (append.Draft.ActiveAlarm is { } change)
        {
            _activeAlarms!.Apply(change);
        }
    }

    [LoggerMessage(EventId = 1224, Level = LogLevel.Error, Message = "Stored active alarm {AlarmId} in {Path} cannot be read and is not restored")]
    private static partial void LogActiveAlarmUnreadable(ILogger logger, string alarmId, string path);
}
