using System.Globalization;
using System.Text;

namespace EdgeGateway.Metrics;

/// <summary>Prometheus text exposition format 0.0.4 for the collector's samples.</summary>
public static class PrometheusText
{
    public static string Format(IEnumerable<MetricSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var text = new StringBuilder();
        foreach (var group in samples.GroupBy(s => s.Name))
        {
            var first = group.First();
            var name = first.Name.Replace('.', '_');
            if (first.Kind == "counter")
            {
                name += "_total";
            }

            var type = first.Kind == "histogram" ? "summary" : first.Kind;
            text.Append(CultureInfo.InvariantCulture, $"# HELP {name} {first.Description}\n# TYPE {name} {type}\n");
            foreach (var sample in group)
            {
                var labels = Labels(sample.Tags);
                if (sample.Kind == "histogram")
                {
                    text.Append(CultureInfo.InvariantCulture, $"{name}_sum{labels} {Number(sample.Value)}\n{name}_count{labels} {sample.Count}\n");
                }
                else
                {
                    text.Append(CultureInfo.InvariantCulture, $"{name}{labels} {Number(sample.Value)}\n");
                }
            }
        }

        return text.ToString();
    }

    private static string Labels(IReadOnlyList<KeyValuePair<string, string>> tags) =>
        tags.Count == 0 ? "" : "{" + string.Join(',', tags.Select(t => $"{t.Key}=\"{Escape(t.Value)}\"")) + "}";

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string Number(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
