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

    /// <summary>
    /// Takes over an alarm of this rule's type that was active before a restart, before the first event, as
    /// if the rule had raised it: the condition seen again raises nothing new, the condition found gone clears
    /// it, and no evidence either way keeps it active (it must never silently vanish).
    /// </summary>
    AlarmAdoption Adopt(ActiveAlarm alarm, DateTimeOffset now);
}
