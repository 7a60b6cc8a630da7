using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>Alarm rules' settings (docs/alarms.md); per-device overrides live on the device.</summary>
public sealed class AlarmOptions
{
    public DeviceSilentAlarmOptions DeviceSilent { get; set; } = new();

    /// <summary>A high-priority alarm nobody acknowledges escalates again after each such interval; null: never.</summary>
    [Range(10, 3600, ErrorMessage = "must be 10..3600")]
    public int? UnacknowledgedEscalationSeconds { get; set; } = 120;

    /// <summary>After a patient lies down, bed-sensor values settle for 60-120 s: no vitals or signal-lost alarm meanwhile.</summary>
    [Range(0, 600, ErrorMessage = "must be 0..600")]
    public int BedSettlingSeconds { get; set; } = 90;

    public BedExitAlarmOptions BedExit { get; set; } = new();

    public ApneaAlarmOptions Apnea { get; set; } = new();

    public VitalsAlarmOptions Vitals { get; set; } = new();

    public SignalLostAlarmOptions SignalLost { get; set; } = new();

    public CallEscalationAlarmOptions CallEscalation { get; set; } = new();

    public PipeBurstAlarmOptions PipeBurst { get; set; } = new();

    public List<ThresholdAlarmOptions> Thresholds { get; set; } = [];

    public StockAlarmOptions Stock { get; set; } = new();

    public LotExpiryAlarmOptions LotExpiry { get; set; } = new();

    /// <summary>GPIO outputs (corridor lights, buzzers) switched by alarms of the given priorities.</summary>
    public List<RelayOptions> Relays { get; set; } = [];
}
