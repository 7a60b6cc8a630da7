namespace EdgeGateway.Alarms;

/// <summary>
/// The negative-pressure-wave method (design.md §5): a burst at x metres from upstream sends a pressure drop
/// both ways at the wave speed v, reaching upstream at t1 = t0 + x / v and downstream at t2 = t0 + (L − x) / v,
/// so x = (L + v (t1 − t2)) / 2, clamped to the pipe.
/// <para>
/// Uncertainty: the wave reached each end after that end's last sample at the old level and by its first sample
/// of the drop, a bracket of g (the sampling interval Δ when polls are on time, longer when one was late or
/// missed). Taking each arrival at the middle of its bracket, t1 − t2 is off by less than (g1 + g2) / 2, and x
/// by less than v (g1 + g2) / 4: v Δ / 2 on time, honestly wider when the polls were not. Clamping to [0, L]
/// only moves the estimate towards the true position.
/// </para>
/// </summary>
public sealed class PressureWaveLocator
{
    private readonly double _lengthM;
    private readonly double _waveSpeedMps;

    public PressureWaveLocator(double lengthM, double waveSpeedMps, TimeSpan samplingInterval)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lengthM);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(waveSpeedMps);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(samplingInterval, TimeSpan.Zero);
        _lengthM = lengthM;
        _waveSpeedMps = waveSpeedMps;
        UncertaintyM = waveSpeedMps * samplingInterval.TotalSeconds / 2;
        MaxArrivalSpread = TimeSpan.FromSeconds(lengthM / waveSpeedMps) + samplingInterval;
    }

    /// <summary>± metres of an estimate from samples taken on time: v Δ / 2.</summary>
    public double UncertaintyM { get; }

    /// <summary>The longest time between the detections of one wave at the two ends: L / v plus one sample.</summary>
    public TimeSpan MaxArrivalSpread { get; }

    /// <param name="upstream">The upstream end's last sample before the drop and its first sample of it (t1 lies between).</param>
    /// <param name="downstream">The same at the downstream end (t2).</param>
    public LeakLocation Locate(SampleBracket upstream, SampleBracket downstream)
    {
        var difference = (upstream.Middle - downstream.Middle).TotalSeconds;
        var x = (_lengthM + (_waveSpeedMps * difference)) / 2;
        var uncertainty = _waveSpeedMps * (upstream.Width + downstream.Width).TotalSeconds / 4;
        return new LeakLocation(Math.Clamp(x, 0, _lengthM), uncertainty);
    }
}
