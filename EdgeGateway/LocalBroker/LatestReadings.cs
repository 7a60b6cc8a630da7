using EdgeGateway.Drivers;

namespace EdgeGateway.LocalBroker;

/// <summary>
/// The readings waiting for the local broker, at most one per device: a device's readings topic is a
/// retained latest-value topic for displays, so a reading that is still waiting when a newer one of the same
/// device arrives is replaced (conflated) rather than published late. Devices are served in the order they
/// first had a reading waiting. The cloud is not affected: it gets every reading through the outbox.
/// </summary>
internal sealed class LatestReadings
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Reading> _waiting = new(StringComparer.Ordinal);
    private readonly Queue<string> _order = new();
    private long _conflated;

    /// <summary>Readings replaced by a newer one of the same device before they were published.</summary>
    public long Conflated => Interlocked.Read(ref _conflated);

    /// <summary>Devices with a reading waiting.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _waiting.Count;
            }
        }
    }

    /// <summary>Queues a reading; false when it replaced one of its device that was still waiting (conflated).</summary>
    public bool Offer(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        lock (_gate)
        {
            if (_waiting.TryAdd(reading.DeviceId, reading))
            {
                _order.Enqueue(reading.DeviceId);
                return true;
            }

            _waiting[reading.DeviceId] = reading;
        }

        Interlocked.Increment(ref _conflated);
        return false;
    }

    /// <summary>The latest waiting reading of the device that has waited longest.</summary>
    public bool TryTake(out Reading reading)
    {
        lock (_gate)
        {
            if (_order.TryDequeue(out var deviceId) && _waiting.Remove(deviceId, out var latest))
            {
                reading = latest;
                return true;
            }
        }

        reading = null!;
        return false;
    }
}
