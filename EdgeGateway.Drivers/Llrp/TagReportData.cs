namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// One tag observation from an RO_ACCESS_REPORT (LLRP 1.0.1 §16.2.7.3 TagReportData). <see cref="Epc"/>
/// is a slice of the report's own buffer (no copy per tag); members are null when the reader did not
/// include that parameter. Timestamps are microseconds: since 1970-01-01 UTC, or since reader boot (uptime).
/// </summary>
public readonly record struct TagReportData
{
    /// <summary>The EPC bits, padded to whole bytes (EPC-96 TV 13 or EPCData TLV 241).</summary>
    public ReadOnlyMemory<byte> Epc { get; init; }

    public int EpcBitLength { get; init; }
    public uint? RoSpecId { get; init; }
    public ushort? SpecIndex { get; init; }
    public ushort? InventoryParameterSpecId { get; init; }
    public ushort? AntennaId { get; init; }

    /// <summary>Peak RSSI in dBm (TV 6, signed 8-bit).</summary>
    public sbyte? PeakRssiDbm { get; init; }

    public ushort? ChannelIndex { get; init; }
    public ulong? FirstSeenUtcMicroseconds { get; init; }
    public ulong? FirstSeenUptimeMicroseconds { get; init; }
    public ulong? LastSeenUtcMicroseconds { get; init; }
    public ulong? LastSeenUptimeMicroseconds { get; init; }
    public ushort? TagSeenCount { get; init; }
    public uint? AccessSpecId { get; init; }
}
