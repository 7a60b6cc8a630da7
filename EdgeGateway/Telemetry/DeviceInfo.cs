using EdgeGateway.Configuration;

namespace EdgeGateway.Telemetry;

/// <summary>What telemetry says about a device besides its readings: its type and where it is.</summary>
public sealed record DeviceInfo(string Id, DeviceType Type, LocationOptions Location)
{
    /// <summary>The type as telemetry spells it (<c>pressure</c>, <c>mattress</c>, <c>callButton</c>, <c>rfid</c>).</summary>
    public string TypeName { get; } = ConfigNames.Of(Type);
}
