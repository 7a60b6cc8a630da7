using System.Text.Json;

namespace EdgeGateway.Drivers;

/// <summary>
/// A decoded observation from a device. Each device family derives its own typed reading; the
/// telemetry envelope (docs/telemetry.md) carries what <see cref="WriteData"/> writes as <c>data</c>.
/// </summary>
public abstract record Reading(string DeviceId, DateTimeOffset Timestamp) : DeviceEvent(DeviceId, Timestamp)
{
    /// <summary>The reading's type in telemetry (<c>data.type</c>), e.g. <c>pressure</c>, <c>vitals</c>.</summary>
    public abstract string ReadingType { get; }

    /// <summary>Writes the reading's fields (units in their names: <c>hrBpm</c>, <c>pressureKpa</c>) into an open JSON object.</summary>
    public abstract void WriteData(Utf8JsonWriter writer);
}
