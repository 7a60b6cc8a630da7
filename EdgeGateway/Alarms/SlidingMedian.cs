namespace EdgeGateway.Alarms;

/// <summary>
/// The median of the values currently in a sliding window, kept sorted as values enter and leave, so that
/// each sample costs a binary search and a block move rather than a sort of the whole window (a fast-polled
/// transmitter has thousands of samples in a 2 s window).
/// </summary>
internal sealed class SlidingMedian
{
    private readonly List<double> _sorted = [];

    public int Count => _sorted.Count;

    public double Median
    {
        get
        {
            if (_sorted.Count == 0)
            {
                throw new InvalidOperationException("the window is empty");
            }

            var middle = _sorted.Count / 2;
            return _sorted.Count % 2 == 1 ? _sorted[middle] : (_sorted[middle - 1] + _sorted[middle]) / 2;
        }
    }

    public void Add(double value)
    {
        var at = _sorted.BinarySearch(value);
        _sorted.Insert(at < 0 ? ~at : at, value);
    }

    /// <summary>Removes one occurrence of a value that was added.</summary>
    public void Remove(double value)
    {
        var at = _sorted.BinarySearch(value);
        if (at < 0)
        {
            throw new InvalidOperationException($"{value} is not in the window");
        }

        _sorted.RemoveAt(at);
    }

    public void Clear() => _sorted.Clear();
}
