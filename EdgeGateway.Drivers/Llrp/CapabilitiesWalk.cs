using System.Buffers.Binary;
using System.Text;

namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// Walks every parameter of a GET_READER_CAPABILITIES_RESPONSE (LLRP 1.0.1 §16.2.3) down to its leaves,
/// checking that fixed-size parameters have exactly their size and that children fill their parent.
/// </summary>
internal sealed class CapabilitiesWalk
{
    public ReaderCapabilities Capabilities { get; private set; } = new();

    public LlrpRejectReason Skip()
    {
        Capabilities = Capabilities with { SkippedParameters = Capabilities.SkippedParameters + 1 };
        return LlrpRejectReason.None;
    }

    /// <summary>§16.2.3.2 GeneralDeviceCapabilities: fixed fields, firmware string, then tables.</summary>
    public LlrpRejectReason GeneralDevice(ReadOnlySpan<byte> v)
    {
        if (v.Length < 14)
        {
            return LlrpRejectReason.Malformed;
        }

        int firmwareLength = BinaryPrimitives.ReadUInt16BigEndian(v[12..]);
        if (v.Length < 14 + firmwareLength)
        {
            return LlrpRejectReason.Malformed;
        }

        Capabilities = Capabilities with
        {
            MaxAntennas = BinaryPrimitives.ReadUInt16BigEndian(v),
            CanSetAntennaProperties = (v[2] & 0x80) != 0,
            HasUtcClock = (v[2] & 0x40) != 0,
            ManufacturerId = BinaryPrimitives.ReadUInt32BigEndian(v[4..]),
            ModelName = BinaryPrimitives.ReadUInt32BigEndian(v[8..]),
            FirmwareVersion = Encoding.UTF8.GetString(v.Slice(14, firmwareLength)),
        };
        var reader = new LlrpParameterReader(v[(14 + firmwareLength)..]);
        while (reader.TryRead(out var p))
        {
            if (p.IsTv)
            {
                return LlrpRejectReason.Malformed;
            }

            var value = p.Value;
            switch (p.Known)
            {
                case LlrpParameterType.ReceiveSensitivityTableEntry:
                    if (value.Length != 4)
                    {
                        return LlrpRejectReason.Malformed;
                    }

                    Capabilities = Capabilities with { ReceiveSensitivityEntries = Capabilities.ReceiveSensitivityEntries + 1 };
                    break;
                case LlrpParameterType.PerAntennaReceiveSensitivityRange:
                    if (value.Length != 6)
                    {
                        return LlrpRejectReason.Malformed;
                    }

                    Capabilities = Capabilities with { PerAntennaReceiveSensitivityRanges = Capabilities.PerAntennaReceiveSensitivityRanges + 1 };
                    break;
                case LlrpParameterType.GpioCapabilities:
                    if (value.Length != 4)
                    {
                        return LlrpRejectReason.Malformed;
                    }

                    Capabilities = Capabilities with { GpiCount = BinaryPrimitives.ReadUInt16BigEndian(value), GpoCount = BinaryPrimitives.ReadUInt16BigEndian(value[2..]) };
                    break;
                case LlrpParameterType.PerAntennaAirProtocol:
                    // AntennaID, then a u8v list of protocol ids.
                    if (value.Length < 4 || value.Length != 4 + BinaryPrimitives.ReadUInt16BigEndian(value[2..]))
                    {
                        return LlrpRejectReason.Malformed;
                    }

                    Capabilities = Capabilities with { PerAntennaAirProtocols = Capabilities.PerAntennaAirProtocols + 1 };
                    break;
                default:
                    Skip();
                    break;
            }
        }

        return reader.Error;
    }

    /// <summary>§16.2.3.3 LLRPCapabilities: 24 bytes of flags and limits.</summary>
    public LlrpRejectReason Llrp(ReadOnlySpan<byte> v)
    {
        if (v.Length < 24)
        {
            return LlrpRejectReason.Malformed;
        }

        Capabilities = Capabilities with
        {
            MaxRoSpecs = BinaryPrimitives.ReadUInt32BigEndian(v[4..]),
            MaxSpecsPerRoSpec = BinaryPrimitives.ReadUInt32BigEndian(v[8..]),
        };
        return SkipChildren(v[24..]);
    }

    /// <summary>§16.2.3.4 RegulatoryCapabilities: country, communications standard, UHFBandCapabilities.</summary>
    public LlrpRejectReason Regulatory(ReadOnlySpan<byte> v)
    {
        if (v.Length < 4)
        {
            return LlrpRejectReason.Malformed;
        }

        Capabilities = Capabilities with
        {
            CountryCode = BinaryPrimitives.ReadUInt16BigEndian(v),
            CommunicationsStandard = BinaryPrimitives.ReadUInt16BigEndian(v[2..]),
        };
        var reader = new LlrpParameterReader(v[4..]);
        while (reader.TryRead(out var p))
        {
            var reason = !p.IsTv && p.Known == LlrpParameterType.UhfBandCapabilities ? UhfBand(p.Value) : Skip();
            if (reason != LlrpRejectReason.None)
            {
                return reason;
            }
        }

        return reader.Error;
    }

    private LlrpRejectReason UhfBand(ReadOnlySpan<byte> v)
    {
        var reader = new LlrpParameterReader(v);
        while (reader.TryRead(out var p))
        {
            if (p.IsTv)
            {
                return LlrpRejectReason.Malformed;
            }

            LlrpRejectReason reason;
            switch (p.Known)
            {
                case LlrpParameterType.TransmitPowerLevelTableEntry:
                    reason = p.Value.Length == 4 ? LlrpRejectReason.None : LlrpRejectReason.Malformed;
                    Capabilities = Capabilities with { TransmitPowerLevels = Capabilities.TransmitPowerLevels + 1 };
                    break;
                case LlrpParameterType.FrequencyInformation:
                    reason = FrequencyInformation(p.Value);
                    break;
                case LlrpParameterType.C1G2UhfRfModeTable:
                    reason = RfModeTable(p.Value);
                    break;
                default:
                    reason = Skip();
                    break;
            }

            if (reason != LlrpRejectReason.None)
            {
                return reason;
            }
        }

        return reader.Error;
    }

    private LlrpRejectReason FrequencyInformation(ReadOnlySpan<byte> v)
    {
        if (v.Length < 1)
        {
            return LlrpRejectReason.Malformed;
        }

        Capabilities = Capabilities with { Hopping = (v[0] & 0x80) != 0 };
        var reader = new LlrpParameterReader(v[1..]);
        while (reader.TryRead(out var p))
        {
            var value = p.Value;
            if (p.IsTv)
            {
                return LlrpRejectReason.Malformed;
            }

            if (p.Known == LlrpParameterType.FrequencyHopTable)
            {
                // HopTableID, reserved octet, NumHops, then NumHops frequencies in kHz.
                if (value.Length < 4 || value.Length != 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(value[2..])))
                {
                    return LlrpRejectReason.Malformed;
                }

                Capabilities = Capabilities with
                {
                    FrequencyHopTables = Capabilities.FrequencyHopTables + 1,
                    HopTableFrequencies = Capabilities.HopTableFrequencies + BinaryPrimitives.ReadUInt16BigEndian(value[2..]),
                };
            }
            else if (p.Known == LlrpParameterType.FixedFrequencyTable)
            {
                if (value.Length < 2 || value.Length != 2 + (4 * BinaryPrimitives.ReadUInt16BigEndian(value)))
                {
                    return LlrpRejectReason.Malformed;
                }

                Capabilities = Capabilities with { FixedFrequencies = Capabilities.FixedFrequencies + BinaryPrimitives.ReadUInt16BigEndian(value) };
            }
            else
            {
                Skip();
            }
        }

        return reader.Error;
    }

    private LlrpRejectReason RfModeTable(ReadOnlySpan<byte> v)
    {
        var reader = new LlrpParameterReader(v);
        while (reader.TryRead(out var p))
        {
            if (p.IsTv)
            {
                return LlrpRejectReason.Malformed;
            }

            if (p.Known == LlrpParameterType.C1G2UhfRfModeTableEntry)
            {
                // LLRP 1.0.1 §16.3.1.1.2: mode id, flags, M, modulation, mask, then five u32 values = 28 bytes.
                if (p.Value.Length != 28)
                {
                    return LlrpRejectReason.Malformed;
                }

                Capabilities = Capabilities with { C1G2RfModes = Capabilities.C1G2RfModes + 1 };
            }
            else
            {
                Skip();
            }
        }

        return reader.Error;
    }

    /// <summary>§16.3.1.1.1 C1G2LLRPCapabilities: flags and MaxNumSelectFiltersPerQuery.</summary>
    public LlrpRejectReason C1G2Llrp(ReadOnlySpan<byte> v)
    {
        if (v.Length < 3)
        {
            return LlrpRejectReason.Malformed;
        }

        Capabilities = Capabilities with { C1G2MaxSelectFiltersPerQuery = BinaryPrimitives.ReadUInt16BigEndian(v[1..]) };
        return SkipChildren(v[3..]);
    }

    private LlrpRejectReason SkipChildren(ReadOnlySpan<byte> v)
    {
        var reader = new LlrpParameterReader(v);
        while (reader.TryRead(out _))
        {
            Skip();
        }

        return reader.Error;
    }
}
