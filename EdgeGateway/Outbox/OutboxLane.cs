namespace EdgeGateway.Outbox;

/// <summary>
/// The two queues the forwarder reads: alarms and device status changes go ahead of readings, each lane
/// in its own seq order, so a reading never overtakes an older reading and an alarm never waits behind a backlog.
/// </summary>
public enum OutboxLane
{
    /// <summary>Alarms and device status changes.</summary>
    Urgent,

    /// <summary>Readings.</summary>
    Readings,
}
