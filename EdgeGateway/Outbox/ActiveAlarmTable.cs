using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using EdgeGateway.Alarms;
using EdgeGateway.Json;
using Microsoft.Data.Sqlite;

namespace EdgeGateway.Outbox;

/// <summary>
/// The active alarms that survive a restart (issue 6), in outbox.db beside the messages: a row is upserted by
/// each raised, escalated or acknowledged message and deleted by its cleared message, in the message's
/// transaction, so the stored state and what was handed to the cloud cannot disagree after a crash. Its own
/// statements, not the queue's, so the writer loop only enlists it; a file from before this table gains it
/// on open (CREATE TABLE IF NOT EXISTS, as the outbox's other tables).
/// </summary>
internal sealed class ActiveAlarmTable : IDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS active_alarms(
            alarm_id TEXT PRIMARY KEY,
            type TEXT NOT NULL,
            subject TEXT NOT NULL,
            device_id TEXT,
            priority TEXT NOT NULL,
            state TEXT NOT NULL,
            raised_ms INTEGER NOT NULL,
            announced_ms INTEGER NOT NULL,
            escalation_level INTEGER NOT NULL,
            acknowledged_by TEXT,
            acknowledged_ms INTEGER,
            message TEXT NOT NULL,
            rule_message TEXT NOT NULL,
            values_json TEXT NOT NULL);
        """;

    private const string Columns = "alarm_id, type, subject, device_id, priority, state, raised_ms, announced_ms, escalation_level, acknowledged_by, acknowledged_ms, message, rule_message, values_json";

    // Priority and state are stored by name, so that a reordered enum in a later build reads them the same.
    // A vital or a pressure may be NaN or infinite: stored as "NaN"/"Infinity" rather than refused.
    private static readonly JsonSerializerOptions ValuesJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, TypeInfoResolver = GatewayJsonContext.Default };
    private static readonly JsonTypeInfo<IReadOnlyDictionary<string, double>> ValuesWritten = (JsonTypeInfo<IReadOnlyDictionary<string, double>>)ValuesJson.GetTypeInfo(typeof(IReadOnlyDictionary<string, double>));
    private static readonly JsonTypeInfo<Dictionary<string, double>> ValuesRead = (JsonTypeInfo<Dictionary<string, double>>)ValuesJson.GetTypeInfo(typeof(Dictionary<string, double>));

    private readonly SqliteCommand _upsert;
    private readonly SqliteCommand _delete;

    private ActiveAlarmTable(SqliteConnection connection)
    {
        _upsert = connection.CreateCommand();
        _upsert.CommandText = $"INSERT OR REPLACE INTO active_alarms({Columns}) VALUES($id, $type, $subject, $device, $priority, $state, $raised, $announced, $level, $ackBy, $ackAt, $message, $ruleMessage, $values)";
        foreach (var name in new[] { "$id", "$type", "$subject", "$device", "$priority", "$state", "$raised", "$announced", "$level", "$ackBy", "$ackAt", "$message", "$ruleMessage", "$values" })
        {
            _upsert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        _delete = connection.CreateCommand();
        _delete.CommandText = "DELETE FROM active_alarms WHERE alarm_id = $id";
        _delete.Parameters.Add(new SqliteParameter { ParameterName = "$id" });
    }

    /// <summary>Creates the table when the file does not have it yet.</summary>
    public static ActiveAlarmTable Create(SqliteConnection connection)
    {
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = Schema;
            schema.ExecuteNonQuery();
        }

        return new ActiveAlarmTable(connection);
    }

    public void Enlist(SqliteTransaction transaction)
    {
        _upsert.Transaction = transaction;
        _delete.Transaction = transaction;
    }

    public void Apply(ActiveAlarmChange change)
    {
        if (change.Alarm is not { } stored)
        {
            _delete.Parameters[0].Value = change.AlarmId;
            _delete.ExecuteNonQuery();
            return;
        }

        var alarm = stored.Alarm;
        var p = _upsert.Parameters;
        p[0].Value = alarm.AlarmId;
        p[1].Value = alarm.Type;
        p[2].Value = alarm.Subject;
        p[3].Value = (object?)alarm.DeviceId ?? DBNull.Value;
        p[4].Value = alarm.Priority.ToString();
        p[5].Value = alarm.State.ToString();
        p[6].Value = alarm.RaisedAt.ToUnixTimeMilliseconds();
        p[7].Value = stored.AnnouncedAt.ToUnixTimeMilliseconds();
        p[8].Value = alarm.EscalationLevel;
        p[9].Value = (object?)alarm.AcknowledgedBy ?? DBNull.Value;
        p[10].Value = alarm.AcknowledgedAt is { } at ? at.ToUnixTimeMilliseconds() : DBNull.Value;
        p[11].Value = alarm.Message;
        p[12].Value = stored.RuleMessage;
        p[13].Value = JsonSerializer.Serialize(alarm.Values, ValuesWritten);
        _upsert.ExecuteNonQuery();
    }

    /// <summary>Every stored active alarm, oldest raise first; the ids of rows that cannot be read (edited by hand) go to <paramref name="unreadable"/>.</summary>
    public static async Task<IReadOnlyList<StoredAlarm>> LoadAsync(SqliteConnection connection, ICollection<string> unreadable, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM active_alarms ORDER BY raised_ms, alarm_id";
        var alarms = new List<StoredAlarm>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            try
            {
                alarms.Add(Read(reader));
            }
            catch (Exception e) when (e is ArgumentException or JsonException or InvalidCastException or FormatException)
            {
                unreadable.Add(reader.IsDBNull(0) ? "(no id)" : reader.GetString(0));
            }
        }

        return alarms;
    }

    private static StoredAlarm Read(SqliteDataReader reader)
    {
        var alarm = new ActiveAlarm(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            Enum.Parse<AlarmPriority>(reader.GetString(4)),
            Enum.Parse<AlarmState>(reader.GetString(5)),
            DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)),
            reader.GetString(11),
            JsonSerializer.Deserialize(reader.GetString(13), ValuesRead) ?? [],
            reader.GetInt32(8),
            reader.IsDBNull(9) ? null : reader.GetString(9),
            reader.IsDBNull(10) ? null : DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(10)));
        return new StoredAlarm(alarm, DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7)), reader.GetString(12));
    }

    public void Dispose()
    {
        _upsert.Dispose();
        _delete.Dispose();
    }
}
