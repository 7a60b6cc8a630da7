namespace EdgeGateway.Drivers;

/// <summary>A driver's report that its device went online or offline, with the reason in words a technician can act on.</summary>
public sealed record DeviceStatusChange(string DeviceId, DateTimeOffset Timestamp, DeviceState State, string? Detail)
    : DeviceEvent(DeviceId, Timestamp);
