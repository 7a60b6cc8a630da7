namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// What GET_READER_CAPABILITIES_RESPONSE tells (LLRP 1.0.1 §16.2.3): identity, and counts of each table
/// so a walk of the whole message can be checked. Null members were absent from the response.
/// </summary>
public sealed record ReaderCapabilities
{
    public ushort MaxAntennas { get; init; }
    public bool CanSetAntennaProperties { get; init; }
    public bool HasUtcClock { get; init; }
    public uint ManufacturerId { get; init; }
    public uint ModelName { get; init; }
    public string FirmwareVersion { get; init; } = string.Empty;
    public int ReceiveSensitivityEntries { get; init; }
    public int PerAntennaReceiveSensitivityRanges { get; init; }
    public ushort? GpiCount { get; init; }
    public ushort? GpoCount { get; init; }
    public int PerAntennaAirProtocols { get; init; }
    public uint? MaxRoSpecs { get; init; }
    public uint? MaxSpecsPerRoSpec { get; init; }
    public ushort? CountryCode { get; init; }
    public ushort? CommunicationsStandard { get; init; }
    public int TransmitPowerLevels { get; init; }
    public bool? Hopping { get; init; }
    public int FrequencyHopTables { get; init; }
    public int HopTableFrequencies { get; init; }
    public int FixedFrequencies { get; init; }
    public int C1G2RfModes { get; init; }
    public ushort? C1G2MaxSelectFiltersPerQuery { get; init; }

    /// <summary>Unknown and Custom (1023) parameters skipped by length, at any depth.</summary>
    public int SkippedParameters { get; init; }
}
