using EdgeGateway.Outbox;

namespace EdgeGateway.Cloud;

/// <summary>
/// The topic of a forwarded message, from a template with the placeholders <c>{prefix}</c>,
/// <c>{gatewayId}</c>, <c>{kind}</c> and <c>{deviceId}</c> (<c>gateway</c> for messages about the gateway itself).
/// </summary>
public sealed class TopicLayout
{
    public const string Default = "{prefix}/{gatewayId}/{kind}/{deviceId}";

    private static readonly string[] Placeholders = ["{prefix}", "{gatewayId}", "{kind}", "{deviceId}"];
    private static readonly string[] KindNames = ["reading", "alarm", "device"];

    private readonly string[] _byKind;

    private TopicLayout(string template, string prefix, string gatewayId)
    {
        var fixedParts = template.Replace("{prefix}", prefix, StringComparison.Ordinal).Replace("{gatewayId}", gatewayId, StringComparison.Ordinal);
        _byKind = [.. KindNames.Select(k => fixedParts.Replace("{kind}", k, StringComparison.Ordinal))];
    }

    /// <summary>Why a template is not usable, or null when it is.</summary>
    public static string? Check(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.Contains('#', StringComparison.Ordinal) || template.Contains('+', StringComparison.Ordinal))
        {
            return "must not contain '#' or '+'";
        }

        var rest = Placeholders.Aggregate(template, (t, p) => t.Replace(p, "", StringComparison.Ordinal));
        if (rest.Contains('{', StringComparison.Ordinal) || rest.Contains('}', StringComparison.Ordinal))
        {
            return $"unknown placeholder (known: {string.Join(", ", Placeholders)})";
        }

        return template.Contains("{kind}", StringComparison.Ordinal) ? null : "must contain {kind}, so alarms and readings can be told apart";
    }

    public static TopicLayout Create(string template, string prefix, string gatewayId)
    {
        if (Check(template) is { } problem)
        {
            throw new ArgumentException($"topic layout \"{template}\" {problem}", nameof(template));
        }

        return new TopicLayout(template, prefix, gatewayId);
    }

    public string Topic(MessageKind kind, string? deviceId) =>
        _byKind[(int)kind].Replace("{deviceId}", deviceId ?? "gateway", StringComparison.Ordinal);
}
