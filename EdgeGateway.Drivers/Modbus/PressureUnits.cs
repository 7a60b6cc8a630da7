namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// Converts a pressure transmitter's scaled value to kPa. Units are matched exactly (case matters:
/// "MPa" is megapascal, "mPa" would be millipascal). A 4-20 mA loop maps linearly onto the
/// transmitter's configured range: 4 mA is the range minimum, 20 mA its maximum.
/// </summary>
public static class PressureUnits
{
    public const string Kilopascal = "kPa";
    public const string Bar = "bar";
    public const string Psi = "psi";
    public const string Megapascal = "MPa";
    public const string Milliampere = "mA";

    private const double KpaPerBar = 100.0;
    private const double KpaPerPsi = 6.894757293168361;
    private const double KpaPerMpa = 1000.0;
    private const double LoopMinMa = 4.0;
    private const double LoopSpanMa = 16.0;

    /// <summary>The units a pressure point may use.</summary>
    public static IReadOnlyList<string> Supported { get; } = [Kilopascal, Bar, Psi, Megapascal, Milliampere];

    public static bool IsSupported(string? unit) => unit is Kilopascal or Bar or Psi or Megapascal or Milliampere;

    /// <summary>
    /// Converts <paramref name="value"/> in <paramref name="unit"/> to kPa; for mA, <paramref name="rangeMinKpa"/>
    /// and <paramref name="rangeMaxKpa"/> are the pressures at 4 and 20 mA.
    /// </summary>
    public static double ToKpa(double value, string unit, double rangeMinKpa = 0, double rangeMaxKpa = 0) => unit switch
    {
        Kilopascal => value,
        Bar => value * KpaPerBar,
        Psi => value * KpaPerPsi,
        Megapascal => value * KpaPerMpa,
        Milliampere => rangeMinKpa + ((value - LoopMinMa) / LoopSpanMa * (rangeMaxKpa - rangeMinKpa)),
        _ => throw new ArgumentException($"'{unit}' is not a pressure unit ({string.Join(", ", Supported)})", nameof(unit)),
    };
}
