using System.Globalization;

namespace EdgeGateway.Stock;

/// <summary>
/// Which serials of a GTIN a catalog entry covers: every serial not listed elsewhere (the empty set), or
/// single serials and decimal ranges (<c>1001;1005;2000-2999</c>). A range matches the serials that are
/// decimal numbers without leading zeros, as SGTIN-96 serials always are (TDS §14.5.1).
/// </summary>
public sealed class SerialSet
{
    public const int MaxSerialLength = 20;

    private readonly HashSet<string> _singles;
    private readonly List<(ulong First, ulong Last)> _ranges;

    private SerialSet(HashSet<string> singles, List<(ulong First, ulong Last)> ranges)
    {
        _singles = singles;
        _ranges = ranges;
    }

    /// <summary>The lot-wide entry: every serial of the GTIN that no other entry lists.</summary>
    public static SerialSet All { get; } = new([], []);

    /// <summary>True when the entry lists no serials and so covers the rest of its GTIN.</summary>
    public bool IsAll => _singles.Count == 0 && _ranges.Count == 0;

    public IReadOnlyCollection<string> Singles => _singles;

    public IReadOnlyList<(ulong First, ulong Last)> Ranges => _ranges;

    /// <summary>Parses the <c>serials</c> column; <paramref name="problem"/> says why it is not one.</summary>
    public static bool TryParse(string text, out SerialSet set, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(text);
        set = All;
        problem = null;
        if (text.Trim().Length == 0)
        {
            return true;
        }

        var singles = new HashSet<string>(StringComparer.Ordinal);
        var ranges = new List<(ulong First, ulong Last)>();
        foreach (var raw in text.Split(';'))
        {
            var token = raw.Trim();
            if (token.Length == 0)
            {
                problem = "serials has an empty item between ';'";
                return false;
            }

            var dash = token.IndexOf('-', StringComparison.Ordinal);
            if (dash > 0 && dash < token.Length - 1 && token.Remove(dash, 1).All(char.IsAsciiDigit))
            {
                if (!TryNumber(token[..dash], out var first) || !TryNumber(token[(dash + 1)..], out var last))
                {
                    problem = $"serial range \"{token}\" must be two decimal numbers without leading zeros";
                    return false;
                }

                if (first > last)
                {
                    problem = $"serial range \"{token}\" ends before it starts";
                    return false;
                }

                ranges.Add((first, last));
            }
            else if (SerialProblem(token) is { } bad)
            {
                problem = bad;
                return false;
            }
            else if (!singles.Add(token))
            {
                problem = $"serial \"{token}\" is listed twice";
                return false;
            }
        }

        set = new SerialSet(singles, ranges);
        if (set.FirstOverlap(set, sameSet: true) is { } overlap)
        {
            problem = $"serial {overlap} is listed twice";
            return false;
        }

        return true;
    }

    /// <summary>Why <paramref name="serial"/> cannot be an SGTIN serial (GS1 AI 21: 1-20 characters of set 82), or null.</summary>
    public static string? SerialProblem(string serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        if (serial.Length is 0 or > MaxSerialLength)
        {
            return $"serial \"{serial}\" must be 1-{MaxSerialLength} characters";
        }

        return serial.All(IsSet82) ? null : $"serial \"{serial}\" has a character outside the GS1 character set";
    }

    /// <summary>GS1 General Specifications Figure 7.11-1 (character set 82); ';' separates serials here and is excluded.</summary>
    public static bool IsSet82(char c) => char.IsAsciiLetterOrDigit(c) || "!\"%&'()*+,-./:<=>?_".Contains(c, StringComparison.Ordinal);

    public bool Contains(string serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        if (_singles.Contains(serial))
        {
            return true;
        }

        return _ranges.Count > 0 && TryNumber(serial, out var number) && _ranges.Exists(r => number >= r.First && number <= r.Last);
    }

    /// <summary>A serial both sets cover, for the error message, or null when they are disjoint.</summary>
    public string? FirstOverlap(SerialSet other, bool sameSet = false)
    {
        ArgumentNullException.ThrowIfNull(other);
        foreach (var single in _singles.Where(s => sameSet ? other._ranges.Exists(r => InRange(s, r)) : other.Contains(s)))
        {
            return $"\"{single}\"";
        }

        foreach (var single in sameSet ? Enumerable.Empty<string>() : other._singles.Where(s => _ranges.Exists(r => InRange(s, r))))
        {
            return $"\"{single}\"";
        }

        for (var i = 0; i < _ranges.Count; i++)
        {
            for (var j = sameSet ? i + 1 : 0; j < other._ranges.Count; j++)
            {
                var (a, b) = (_ranges[i], other._ranges[j]);
                if (a.First <= b.Last && b.First <= a.Last)
                {
                    return Math.Max(a.First, b.First).ToString(CultureInfo.InvariantCulture);
                }
            }
        }

        return null;
    }

    /// <summary>The canonical <c>serials</c> text: singles, then ranges, as the catalog lists and stores them.</summary>
    public override string ToString() =>
        string.Join(';', _singles.Order(StringComparer.Ordinal).Concat(_ranges.Select(r => r.First == r.Last
            ? r.First.ToString(CultureInfo.InvariantCulture)
            : string.Create(CultureInfo.InvariantCulture, $"{r.First}-{r.Last}"))));

    private static bool InRange(string serial, (ulong First, ulong Last) range) =>
        TryNumber(serial, out var number) && number >= range.First && number <= range.Last;

    private static bool TryNumber(string text, out ulong number)
    {
        number = 0;
        return text.Length is > 0 and <= MaxSerialLength && (text.Length == 1 || text[0] != '0') &&
            text.All(char.IsAsciiDigit) && ulong.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out number);
    }
}
