namespace EdgeGateway.Alarms;

/// <summary>When a pressure wave reached a transmitter: after <paramref name="Before"/> (its last sample at the old level), by <paramref name="Detected"/> (its first sample of the drop).</summary>
public readonly record struct SampleBracket(DateTimeOffset Before, DateTimeOffset Detected)
{
    public TimeSpan Width => Detected - Before;

    public DateTimeOffset Middle => Before + (Width / 2);
}
