namespace EdgeGateway.Alarms;

/// <summary>
/// The negative-pressure-wave method (design.md §5): a burst at x metres from upstream sends a pressure drop
/// both ways at the wave speed v, reaching upstream at t1 = t0 + x / v and downstream at t2 = t0 + (L − x) / v,
/// so x = (L + v (t1 − t2)) / 2, clamped to the pipe.
/// <para>
/// Uncertainty: each end sees the drop at its first sample after the wave arrived, so each detection time is
/// late by e ∈ [0, Δ) for a sampling interval Δ. The difference t1 − t2 is then off by e1 − e2 ∈ (−Δ, Δ)
/// (the common lateness cancels), and x by half of v times that: |error| &lt; v Δ / 2. Clamping to [0, L]
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

    /// <summary>± metres of every estimate: v Δ / 2.</summary>
    public double UncertaintyM { get; }

    /// <summary>The longest time between the detections of one wave at the two ends: L / v plus one sample.</summary>
    public TimeSpan MaxArrivalSpread { get; }

    /// <param name="upstreamDetected">When the upstream transmitter first sampled the drop (t1).</param>
    /// <param name="downstreamDetected">When the downstream transmitter first sampled the drop (t2).</param>
    public LeakLocation Locate(DateTimeOffset upstreamDetected, DateTimeOffset downstreamDetected)
    {
        var x = (_lengthM + (_waveSpeedMps * (upstreamDetected - downstreamDetected).TotalSeconds)) / 2;
        return new LeakLocation(Math.Clamp(x, 0, _lengthM), UncertaintyM);
    }
}
