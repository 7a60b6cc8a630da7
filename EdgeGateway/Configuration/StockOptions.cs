using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>
/// For <c>type: "rfid"</c>: which antenna watches which stock location, and over how long a window a
/// tag counts as present (config <c>devices[i].stock</c>, docs/configuration.md).
/// </summary>
public sealed class StockOptions : IValidatableObject
{
    /// <summary>A tag not read for this long no longer counts at its location (the sliding window).</summary>
    [Range(5, 86_400, ErrorMessage = "must be 5..86400")]
    public int WindowSeconds { get; set; } = 300;

    public List<StockLocationOptions> Locations { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Locations.Count == 0)
        {
            yield return new ValidationResult("must list at least one location", [nameof(Locations)]);
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        var antennas = new Dictionary<int, int>();
        for (var i = 0; i < Locations.Count; i++)
        {
            var location = Locations[i];
            if (!string.IsNullOrEmpty(location.Name) && !names.TryAdd(location.Name, i))
            {
                yield return new ValidationResult($"\"{location.Name}\" is already used by locations[{names[location.Name]}]", [$"{nameof(Locations)}[{i}].{nameof(StockLocationOptions.Name)}"]);
            }

            foreach (var antenna in location.Antennas.Distinct())
            {
                if (!antennas.TryAdd(antenna, i))
                {
                    yield return new ValidationResult($"antenna {antenna} is already mapped by locations[{antennas[antenna]}]", [$"{nameof(Locations)}[{i}].{nameof(StockLocationOptions.Antennas)}"]);
                }
            }
        }
    }

    /// <summary>Cross-device rule: antennas must be ones the reader inventories (<c>devices[i].llrp.antennas</c>).</summary>
    internal IEnumerable<ValidationResult> ValidateAgainst(IReadOnlyCollection<int> readerAntennas)
    {
        for (var i = 0; i < Locations.Count; i++)
        {
            var unknown = Locations[i].Antennas.Where(a => !readerAntennas.Contains(a)).Distinct().ToList();
            if (unknown.Count > 0)
            {
                yield return new ValidationResult(
                    $"antenna {string.Join(", ", unknown)} is not in llrp.antennas [{string.Join(", ", readerAntennas)}]",
                    [$"{nameof(Locations)}[{i}].{nameof(StockLocationOptions.Antennas)}"]);
            }
        }
    }

    /// <summary>A location belongs to one reader: its minimums and its window must not be defined twice.</summary>
    internal static void CheckLocationsAreUnique(GatewayOptions options, List<ConfigError> errors)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var d = 0; d < options.Devices.Count; d++)
        {
            var locations = options.Devices[d].Stock?.Locations ?? [];
            for (var i = 0; i < locations.Count; i++)
            {
                var name = locations[i].Name;
                if (name.Length > 0 && !first.TryAdd(name, d) && first[name] != d)
                {
                    errors.Add(new ConfigError($"devices[{d}].stock.locations[{i}].name", $"\"{name}\" is already a location of devices[{first[name]}]"));
                }
            }
        }
    }
}
