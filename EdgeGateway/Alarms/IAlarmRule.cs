using EdgeGateway.Drivers;

namespace EdgeGateway.Alarms;

/// <summary>
/// One alarm kind. Rules are fed events and clock ticks with the engine's time and report condition
/// changes; no rule reads a clock or a transport itself (design.md §2).
/// </summary>
public interface IAlarmRule
{
    void Observe(DeviceEvent deviceEvent, DateTimeOffset now, ICollection<AlarmCondition> conditions);

    void Tick(DateTimeOffset now, ICollection<AlarmCondition> conditions);
}
