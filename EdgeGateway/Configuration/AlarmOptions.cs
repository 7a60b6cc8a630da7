namespace EdgeGateway.Configuration;

/// <summary>Alarm rules' settings; per-device overrides live on the device.</summary>
public sealed class AlarmOptions
{
    public DeviceSilentAlarmOptions DeviceSilent { get; set; } = new();
}
