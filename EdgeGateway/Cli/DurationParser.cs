using System.CommandLine.Parsing;
using System.Globalization;

namespace EdgeGateway.Cli;

/// <summary>Durations as a technician types them: 500ms, 30s, 2m, 1h (a bare number is seconds).</summary>
public static class DurationParser
{
    public static TimeSpan? Parse(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens.Count > 0 ? result.Tokens[0].Value : "";
        if (TryParse(text, out var duration))
        {
            return duration;
        }

        result.AddError($"'{text}' is not a duration: use e.g. 500ms, 30s, 2m or 1h");
        return null;
    }

    public static bool TryParse(string text, out TimeSpan duration)
    {
        ArgumentNullException.ThrowIfNull(text);
        (string Suffix, double Seconds)[] units = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)];
        foreach (var (suffix, seconds) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal) &&
                double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0)
            {
                duration = TimeSpan.FromSeconds(value * seconds);
                return true;
            }
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var bare) && bare > 0)
        {
            duration = TimeSpan.FromSeconds(bare);
            return true;
        }

        duration = default;
        return false;
    }
}
