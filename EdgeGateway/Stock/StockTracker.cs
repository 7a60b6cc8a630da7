using EdgeGateway.Drivers.Llrp;

namespace EdgeGateway.Stock;

/// <summary>
/// Which tagged items are where (design.md §5, stock under minimum): each unique EPC of an SGTIN counts
/// once, at the location of the antenna that read it last, while it was read within that location's
/// sliding window. A tag read a thousand times, or re-reported after a reader reconnects, is still one
/// item. Pure: fed readings with the engine's time, no clock of its own. Written by the engine, read by
/// the admin socket, so it locks.
/// </summary>
public sealed class StockTracker(StockPlan plan)
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, StockItem> _items = new(StringComparer.Ordinal);
    private DateTimeOffset _lastPrune = DateTimeOffset.MinValue;
    private long _unmapped;
    private long _notSgtin;

    public StockPlan Plan { get; } = plan ?? throw new ArgumentNullException(nameof(plan));

    /// <summary>Readings ignored because their reader or antenna is mapped to no location.</summary>
    public long UnmappedReadings => Interlocked.Read(ref _unmapped);

    /// <summary>Readings ignored because the EPC is not an SGTIN (no GTIN to count).</summary>
    public long NotSgtinReadings => Interlocked.Read(ref _notSgtin);

    /// <summary>Counts the item at its antenna's location; false (and counted) when it cannot be placed.</summary>
    public bool Observe(TagReading reading, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var location = reading.AntennaId is { } antenna ? Plan.LocationOf(reading.DeviceId, antenna) : null;
        if (location is null)
        {
            Interlocked.Increment(ref _unmapped);
            return false;
        }

        if (reading.Epc.Sgtin is not { } sgtin)
        {
            Interlocked.Increment(ref _notSgtin);
            return false;
        }

        lock (_gate)
        {
            _items[reading.Epc.Hex] = new StockItem(reading.Epc.Hex, location, sgtin.Gtin, sgtin.Serial, now);
            if (now - _lastPrune >= PruneInterval)
            {
                Prune(now);
            }
        }

        return true;
    }

    /// <summary>The items present at <paramref name="now"/>, by location, GTIN and serial.</summary>
    public IReadOnlyList<StockItem> Items(DateTimeOffset now)
    {
        lock (_gate)
        {
            return [.. _items.Values.Where(i => Present(i, now))
                .OrderBy(i => i.Location, StringComparer.Ordinal).ThenBy(i => i.Gtin, StringComparer.Ordinal).ThenBy(i => i.Serial, StringComparer.Ordinal)];
        }
    }

    /// <summary>Unique items of <paramref name="gtin"/> at <paramref name="location"/> at <paramref name="now"/>.</summary>
    public int Level(string location, string gtin, DateTimeOffset now)
    {
        lock (_gate)
        {
            return _items.Values.Count(i => i.Location == location && i.Gtin == gtin && Present(i, now));
        }
    }

    private bool Present(StockItem item, DateTimeOffset now) => now - item.LastSeen < Plan.WindowOf(item.Location);

    private void Prune(DateTimeOffset now)
    {
        _lastPrune = now;
        foreach (var stale in _items.Values.Where(i => !Present(i, now)).Select(i => i.Epc).ToList())
        {
            _items.Remove(stale);
        }
    }
}
