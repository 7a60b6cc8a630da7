namespace EdgeGateway.Drivers.Llrp.Emulation;

/// <summary>How the emulated reader presents itself and how often it reports.</summary>
public sealed class LlrpReaderEmulatorOptions
{
    /// <summary>Interval between inventory rounds while the ROSpec is started; each round reports every tag once.</summary>
    public int ReportPeriodMs { get; set; } = 1_000;

    public ushort Antennas { get; set; } = 4;

    /// <summary>IANA private enterprise number reported as DeviceManufacturerName (0 = none).</summary>
    public uint ManufacturerId { get; set; }

    public uint ModelName { get; set; } = 1;

    public string FirmwareVersion { get; set; } = "edgegw-emulator";

    public sbyte PeakRssiDbm { get; set; } = -55;
}
