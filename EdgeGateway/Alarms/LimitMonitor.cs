namespace EdgeGateway.Alarms;

/// <summary>
/// One monitored value against its limits: raised once it has stayed outside for the sustain time (every
/// value since the first one outside was outside, including one exactly at the sustain time), cleared by
/// the first value back inside by the hysteresis. Shared by the vitals and threshold rules.
/// </summary>
internal sealed class LimitMonitor
{
    /// <summary>The first value outside of the current run, or null while inside.</summary>
    public DateTimeOffset? OutSince { get; private set; }

    public bool Alarmed { get; private set; }

    public LimitChange Update(double value, AlarmLimits limits, TimeSpan sustain, DateTimeOffset now)
    {
        if (Alarmed)
        {
            if (!limits.IsBackInside(value))
            {
                return LimitChange.None;
            }

            Alarmed = false;
            OutSince = null;
            return LimitChange.Cleared;
        }

        if (!limits.IsOutside(value))
        {
            OutSince = null;
            return LimitChange.None;
        }

        OutSince ??= now;
        if (now - OutSince.Value < sustain)
        {
            return LimitChange.None;
        }

        Alarmed = true;
        return LimitChange.Raised;
    }

    /// <summary>Takes over an alarm raised before a restart: only a value back inside by the hysteresis clears it.</summary>
    public void Adopt()
    {
        Alarmed = true;
        OutSince = null;
    }

    /// <summary>Forgets a run that has not raised yet (the evidence has a gap).</summary>
    public void RestartRun()
    {
        if (!Alarmed)
        {
            OutSince = null;
        }
    }

    /// <summary>Stops monitoring (bed empty): returns true when an alarm was active and must be cleared.</summary>
    public bool Stop()
    {
        var wasAlarmed = Alarmed;
        Alarmed = false;
        OutSince = null;
        return wasAlarmed;
    }
}
