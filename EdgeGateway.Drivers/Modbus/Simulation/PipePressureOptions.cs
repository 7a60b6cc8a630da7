using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>The simulated pipe: two transmitters at its ends, the upstream one at 0 m, the downstream one at <see cref="LengthMeters"/>.</summary>
public sealed class PipePressureOptions
{
    [Range(1.0, 100_000.0, ErrorMessage = "must be 1..100000")]
    public double LengthMeters { get; set; } = 1000;

    /// <summary>Speed of the pressure wave in the water column (about 1000-1400 m/s in steel or ductile iron pipes).</summary>
    [Range(100.0, 2000.0, ErrorMessage = "must be 100..2000")]
    public double WaveSpeedMetersPerSecond { get; set; } = 1200;

    [Range(0.0, 10_000.0, ErrorMessage = "must be 0..10000")]
    public double StaticPressureKpa { get; set; } = 400;

    /// <summary>Uniform noise amplitude (±) added to each sample.</summary>
    [Range(0.0, 100.0, ErrorMessage = "must be 0..100")]
    public double NoiseKpa { get; set; } = 0.2;

    /// <summary>Where each transmitter holds its float32 kPa value, in both holding and input registers.</summary>
    [Range(0, 65534, ErrorMessage = "must be 0..65534")]
    public int RegisterAddress { get; set; }

    public WordOrder WordOrder { get; set; } = WordOrder.ABCD;
}
