using System.ComponentModel.DataAnnotations;
using EdgeGateway.Stock;

namespace EdgeGateway.Configuration;

/// <summary>What the stock-under-minimum and lot-near-expiry alarms (design.md §5) need for one product at one location.</summary>
public sealed class StockMinimumOptions : IValidatableObject
{
    /// <summary>GTIN-14 with its check digit, as the SGTIN on the tag decodes to.</summary>
    [Required(ErrorMessage = "is required")]
    public string Gtin { get; set; } = "";

    /// <summary>Fewer unique items than this at the location is "stock under minimum".</summary>
    [Range(0, 1_000_000, ErrorMessage = "must be 0..1000000")]
    public int Minimum { get; set; }

    /// <summary>An item whose lot expires within this many days is "near expiry" (0 = only expired items).</summary>
    [Range(0, 3650, ErrorMessage = "must be 0..3650")]
    public int NearExpiryDays { get; set; } = 30;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(Gtin) && Gtin14.Problem(Gtin) is { } problem)
        {
            yield return new ValidationResult(problem, [nameof(Gtin)]);
        }
    }
}
