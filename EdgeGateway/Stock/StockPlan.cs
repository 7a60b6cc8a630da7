using EdgeGateway.Configuration;

namespace EdgeGateway.Stock;

/// <summary>
/// The stock part of the configuration, read once: which (reader, antenna) is which location, each
/// location's sliding window, and the minimums the stock and expiry alarm rules check.
/// </summary>
public sealed class StockPlan
{
    private readonly Dictionary<(string DeviceId, int Antenna), string> _locations;
    private readonly Dictionary<string, TimeSpan> _windows;

    public StockPlan(IEnumerable<DeviceOptions> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        _locations = [];
        _windows = new Dictionary<string, TimeSpan>(StringComparer.Ordinal);
        var minimums = new List<StockMinimum>();
        foreach (var device in devices)
        {
            if (device.Stock is not { } stock)
            {
                continue;
            }

            foreach (var location in stock.Locations)
            {
                _windows[location.Name] = TimeSpan.FromSeconds(stock.WindowSeconds);
                foreach (var antenna in location.Antennas)
                {
                    _locations[(device.Id, antenna)] = location.Name;
                }

                minimums.AddRange(location.Minimums.Select(m => new StockMinimum(location.Name, m.Gtin, m.Minimum, m.NearExpiryDays)));
            }
        }

        Minimums = minimums;
    }

    /// <summary>Every configured minimum, in configuration order.</summary>
    public IReadOnlyList<StockMinimum> Minimums { get; }

    /// <summary>Every configured location name.</summary>
    public IEnumerable<string> Locations => _windows.Keys;

    /// <summary>The location an antenna of a reader watches, or null when it is not mapped.</summary>
    public string? LocationOf(string deviceId, int antenna) => _locations.GetValueOrDefault((deviceId, antenna));

    public TimeSpan WindowOf(string location) => _windows[location];
}
