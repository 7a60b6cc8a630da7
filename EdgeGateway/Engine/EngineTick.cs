using EdgeGateway.Drivers;

namespace EdgeGateway.Engine;

/// <summary>A clock tick queued behind the device events, so rules see time and events in one order.</summary>
internal sealed record EngineTick(DateTimeOffset Now) : DeviceEvent("", Now);
