using EdgeGateway.Alarms;
using EdgeGateway.Drivers;

namespace EdgeGateway.Engine;

/// <summary>
/// A local way of making alarms heard and readings seen (embedded broker topics, admin stream, demo
/// console, relay). Called on the engine's thread: it must not block, and never waits on the outbox or the cloud.
/// </summary>
public interface IAlarmAnnunciator
{
    void Announce(AlarmTransition transition);

    /// <summary>Every device event, for annunciators that also show readings.</summary>
    void Observe(DeviceEvent deviceEvent)
    {
    }
}
