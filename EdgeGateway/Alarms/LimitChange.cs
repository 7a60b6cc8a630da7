namespace EdgeGateway.Alarms;

/// <summary>What a <see cref="LimitMonitor"/> decided about one value.</summary>
internal enum LimitChange
{
    None,
    Raised,
    Cleared,
}
