using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>One stock location (a store-room shelf, a crash cart): the antennas that watch it and its minimums.</summary>
public sealed class StockLocationOptions : IValidatableObject
{
    /// <summary>The location's name as people say it; unique on this gateway, the key of stock levels and alarms.</summary>
    [Required(ErrorMessage = "is required")]
    [StringLength(128, MinimumLength = 1, ErrorMessage = "must be 1-128 characters")]
    public string Name { get; set; } = "";

    /// <summary>Antenna ids (as the reader numbers them) whose reads count at this location.</summary>
    public List<int> Antennas { get; set; } = [];

    /// <summary>Per product: the fewest items that must be here, and how early a lot counts as near expiry.</summary>
    public List<StockMinimumOptions> Minimums { get; set; } = [];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Antennas.Count == 0)
        {
            yield return new ValidationResult("must list at least one antenna", [nameof(Antennas)]);
        }

        var gtins = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < Minimums.Count; i++)
        {
            var gtin = Minimums[i].Gtin;
            if (!string.IsNullOrEmpty(gtin) && !gtins.TryAdd(gtin, i))
            {
                yield return new ValidationResult($"\"{gtin}\" is already given by minimums[{gtins[gtin]}]", [$"{nameof(Minimums)}[{i}].{nameof(StockMinimumOptions.Gtin)}"]);
            }
        }
    }
}
