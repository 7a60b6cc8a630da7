using EdgeGateway.Alarms;
using EdgeGateway.Drivers;

namespace EdgeGateway.Engine;

/// <summary>
/// A change asked of the engine from outside (acknowledge an alarm, arm a bed), queued behind the device
/// events so alarm state is only ever touched by the engine's single consumer, in order.
/// </summary>
internal sealed record EngineCommand(DateTimeOffset Now, Func<AlarmEngine, DateTimeOffset, ICollection<AlarmTransition>, object> Run)
    : DeviceEvent("", Now)
{
    public TaskCompletionSource<object> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
