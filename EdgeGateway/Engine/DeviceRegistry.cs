using EdgeGateway.Drivers;
using EdgeGateway.Telemetry;

namespace EdgeGateway.Engine;

/// <summary>
/// What the gateway knows of each configured device right now: state, last frame, frame count. Written by
/// the engine only, read by the admin socket.
/// </summary>
public sealed class DeviceRegistry
{
    private readonly Dictionary<string, Entry> _entries;

    public DeviceRegistry(IEnumerable<DeviceInfo> devices)
    {
        _entries = devices.ToDictionary(d => d.Id, d => new Entry(d), StringComparer.Ordinal);
    }

    public IEnumerable<DeviceInfo> Devices => _entries.Values.Select(e => e.Info);

    internal void Record(DeviceEvent deviceEvent, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(deviceEvent.DeviceId, out var entry))
        {
            return;
        }

        lock (entry)
        {
            switch (deviceEvent)
            {
                case Reading:
                    entry.LastFrame = now;
                    entry.Frames++;
                    entry.State = DeviceState.Online;
                    break;
                case DeviceStatusChange change:
                    entry.State = change.State;
                    entry.Detail = change.Detail;
                    break;
            }
        }
    }

    public IReadOnlyList<DeviceSnapshot> Snapshot(DateTimeOffset now) =>
        [.. _entries.Values.Select(e =>
        {
            lock (e)
            {
                return new DeviceSnapshot(e.Info.Id, e.Info.TypeName, e.State, e.Detail, e.Frames,
                    e.LastFrame is { } last ? Math.Round((now - last).TotalSeconds, 1) : null, e.Info.Location);
            }
        }).OrderBy(d => d.Id, StringComparer.Ordinal)];

    private sealed class Entry(DeviceInfo info)
    {
        public DeviceInfo Info { get; } = info;

        public DeviceState State { get; set; } = DeviceState.Connecting;

        public string? Detail { get; set; }

        public DateTimeOffset? LastFrame { get; set; }

        public long Frames { get; set; }
    }
}
