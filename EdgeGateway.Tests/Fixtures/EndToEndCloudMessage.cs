using System.Text;
using System.Text.Json;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// One telemetry message as the cloud subscriber received it (docs/telemetry.md, the edgegw/1 envelope):
/// its seq, id, kind, device, and for alarms and device status the alarm and the state (<c>data.state</c>).
/// <see cref="Arrival"/> counts every delivery, duplicates included, in the order they arrived.
/// </summary>
public sealed record EndToEndCloudMessage(int Arrival, string Topic, long Seq, string Id, string Kind, string? DeviceId, string? AlarmId, string? State, string Payload)
{
    /// <summary>Alarms and device status go through the forwarder's urgent lane, readings through their own (docs/cloud.md).</summary>
    public bool Urgent => Kind != "reading";

    public static EndToEndCloudMessage Parse(int arrival, string topic, ReadOnlySpan<byte> payload)
    {
        using var json = JsonDocument.Parse(payload.ToArray());
        var root = json.RootElement;
        var kind = root.GetProperty("kind").GetString()!;
        var data = root.GetProperty("data");
        var deviceId = root.TryGetProperty("device", out var device) ? device.GetProperty("id").GetString() : null;
        var alarmId = kind == "alarm" ? data.GetProperty("alarmId").GetString() : null;
        var state = kind != "reading" ? data.GetProperty("state").GetString() : null;
        return new EndToEndCloudMessage(arrival, topic, root.GetProperty("seq").GetInt64(), root.GetProperty("id").GetString()!, kind, deviceId, alarmId, state, Encoding.UTF8.GetString(payload));
    }
}
