namespace EdgeGateway.Alarms;

/// <summary>
/// Low and high limits (either may be absent) and the hysteresis that keeps an alarm from flapping: a value
/// strictly outside a limit is out of range; an alarm clears only once the value is back inside by the
/// hysteresis (above low + hysteresis and below high − hysteresis, inclusive).
/// </summary>
public readonly record struct AlarmLimits(double? Low, double? High, double Hysteresis)
{
    public bool IsOutside(double value) => value < Low || value > High;

    public bool IsBackInside(double value) => !(value < Low + Hysteresis) && !(value > High - Hysteresis);
}
