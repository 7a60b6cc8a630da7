namespace EdgeGateway.Metrics;

/// <summary>One series of one instrument: its value now (counters: total since start; gauges: last value).</summary>
/// <param name="Kind">counter, gauge or histogram (for a histogram, Value is the sum and Count the number of records).</param>
public sealed record MetricSample(string Name, string Kind, IReadOnlyList<KeyValuePair<string, string>> Tags, double Value, long Count, string? Description);
