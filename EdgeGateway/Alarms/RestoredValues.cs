namespace EdgeGateway.Alarms;

/// <summary>The values a restored alarm was raised with, read back by the rule that adopts it.</summary>
internal static class RestoredValues
{
    /// <summary>A duration value (<c>apneaSeconds</c>), or <paramref name="fallback"/> when the alarm does not carry it.</summary>
    public static TimeSpan Seconds(this ActiveAlarm alarm, string name, TimeSpan fallback) =>
        alarm.Values.TryGetValue(name, out var seconds) && double.IsFinite(seconds) ? TimeSpan.FromSeconds(seconds) : fallback;
}
