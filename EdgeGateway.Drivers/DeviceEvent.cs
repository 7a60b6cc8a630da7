namespace EdgeGateway.Drivers;

/// <summary>What a driver tells the engine: a reading or a change of the device's connection state.</summary>
/// <param name="DeviceId">The configured id of the device (config <c>devices[i].id</c>).</param>
/// <param name="Timestamp">When it was observed on the device side, not when it was processed.</param>
public abstract record DeviceEvent(string DeviceId, DateTimeOffset Timestamp);
