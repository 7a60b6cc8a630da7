using System.Buffers.Binary;
using System.Text;

namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// Decodes one complete LLRP message (header included) into a typed <see cref="LlrpMessage"/>. Pure and
/// exception-free: any inconsistency is returned as an <see cref="LlrpRejectReason"/>. Unknown TLV
/// parameters and Custom (1023) parameters are skipped by length wherever they appear (LLRP 1.0.1 §16.2.1).
/// </summary>
public static class LlrpMessageDecoder
{
    // LLRPStatus may nest ParameterError inside ParameterError; a hostile peer could nest deeply enough to
    // exhaust the stack, while a real reader names at most a few levels.
    private const int MaxParameterErrorDepth = 8;

    public static LlrpRejectReason Decode(ReadOnlySpan<byte> message, out LlrpMessage? decoded)
    {
        decoded = null;
        if (message.Length < LlrpHeader.Size)
        {
            return LlrpRejectReason.BadLength;
        }

        var header = LlrpHeader.Read(message);
        if (header.Version != LlrpHeader.SupportedVersion)
        {
            return LlrpRejectReason.UnsupportedVersion;
        }

        if (header.Length != (uint)message.Length)
        {
            return LlrpRejectReason.BadLength;
        }

        var body = message[LlrpHeader.Size..];
        var id = header.MessageId;
        switch ((LlrpMessageType)header.Type)
        {
            case LlrpMessageType.Keepalive:
                decoded = new Keepalive(id);
                return LlrpRejectReason.None;
            case LlrpMessageType.KeepaliveAck:
                decoded = new KeepaliveAck(id);
                return LlrpRejectReason.None;
            case LlrpMessageType.CloseConnection:
                decoded = new CloseConnection(id);
                return LlrpRejectReason.None;
            case LlrpMessageType.RoAccessReport:
                return DecodeRoAccessReport(id, body, out decoded);
            case LlrpMessageType.ReaderEventNotification:
                return DecodeReaderEventNotification(id, body, out decoded);
            case LlrpMessageType.GetReaderCapabilitiesResponse:
                return DecodeCapabilitiesResponse(id, body, out decoded);
            case LlrpMessageType.ErrorMessage:
            {
                var reason = DecodeStatusBody(body, out var status);
                decoded = reason == LlrpRejectReason.None ? new ErrorMessage(id, status!) : null;
                return reason;
            }

            case LlrpMessageType.AddRoSpecResponse:
            case LlrpMessageType.DeleteRoSpecResponse:
            case LlrpMessageType.StartRoSpecResponse:
            case LlrpMessageType.StopRoSpecResponse:
            case LlrpMessageType.EnableRoSpecResponse:
            case LlrpMessageType.DisableRoSpecResponse:
            case LlrpMessageType.SetReaderConfigResponse:
            case LlrpMessageType.CloseConnectionResponse:
            {
                var reason = DecodeStatusBody(body, out var status);
                decoded = reason == LlrpRejectReason.None ? new StatusResponse(id, (LlrpMessageType)header.Type, status!) : null;
                return reason;
            }

            case LlrpMessageType.GetReaderCapabilities:
                if (body.Length < 1)
                {
                    return LlrpRejectReason.Malformed;
                }

                decoded = new GetReaderCapabilities(id, body[0]);
                return LlrpRejectReason.None;
            case LlrpMessageType.DeleteRoSpec:
            case LlrpMessageType.StartRoSpec:
            case LlrpMessageType.StopRoSpec:
            case LlrpMessageType.EnableRoSpec:
            case LlrpMessageType.DisableRoSpec:
                if (body.Length < 4)
                {
                    return LlrpRejectReason.Malformed;
                }

                decoded = new RoSpecCommand(id, (LlrpMessageType)header.Type, BinaryPrimitives.ReadUInt32BigEndian(body));
                return LlrpRejectReason.None;
            case LlrpMessageType.SetReaderConfig:
                return DecodeSetReaderConfig(id, body, out decoded);
            case LlrpMessageType.AddRoSpec:
                return DecodeAddRoSpec(id, body, out decoded);
            default:
                decoded = new UnsupportedMessage(id, header.Type);
                return LlrpRejectReason.None;
        }
    }

    private static LlrpRejectReason DecodeRoAccessReport(uint id, ReadOnlySpan<byte> body, out LlrpMessage? decoded)
    {
        decoded = null;
        var count = 0;
        var reader = new LlrpParameterReader(body);
        while (reader.TryRead(out var parameter))
        {
            if (parameter.IsTv)
            {
                // LLRP 1.0.1 §16.1: a report body holds TLVs only (TagReportData, RFSurveyReportData, Custom).
                return LlrpRejectReason.Malformed;
            }

            if (parameter.Known == LlrpParameterType.TagReportData)
            {
                var reason = ValidateTagReportData(parameter.Value);
                if (reason != LlrpRejectReason.None)
                {
                    return reason;
                }

                count++;
            }
        }

        if (reader.Error != LlrpRejectReason.None)
        {
            return reader.Error;
        }

        decoded = new RoAccessReport(id, body.ToArray(), count);
        return LlrpRejectReason.None;
    }

    private static LlrpRejectReason ValidateTagReportData(ReadOnlySpan<byte> value)
    {
        var reader = new LlrpParameterReader(value);
        var epcs = 0;
        while (reader.TryRead(out var parameter))
        {
            if (parameter.IsTv ? parameter.Type == (ushort)LlrpParameterType.Epc96 : parameter.Known == LlrpParameterType.EpcData)
            {
                if (!parameter.IsTv && !EpcDataIsComplete(parameter.Value))
                {
                    return LlrpRejectReason.Malformed;
                }

                epcs++;
            }
        }

        if (reader.Error != LlrpRejectReason.None)
        {
            return reader.Error;
        }

        // LLRP 1.0.1 §16.2.7.3: exactly one of EPCData or EPC-96.
        return epcs == 1 ? LlrpRejectReason.None : LlrpRejectReason.Malformed;
    }

    private static bool EpcDataIsComplete(ReadOnlySpan<byte> value)
    {
        if (value.Length < 2)
        {
            return false;
        }

        int bits = BinaryPrimitives.ReadUInt16BigEndian(value);
        return value.Length - 2 >= (bits + 7) / 8;
    }

    /// <summary>Decodes one TagReportData value (the bytes after its TLV header); the EPC is a slice of <paramref name="value"/>.</summary>
    internal static LlrpRejectReason DecodeTagReportData(ReadOnlyMemory<byte> value, out TagReportData tag)
    {
        tag = default;
        var span = value.Span;
        var reader = new LlrpParameterReader(span);
        ReadOnlyMemory<byte> epc = default;
        var epcBits = 0;
        var epcFound = false;
        uint? roSpecId = null;
        ushort? specIndex = null, inventoryParameterSpecId = null, antennaId = null, channelIndex = null, seenCount = null;
        sbyte? peakRssi = null;
        ulong? firstUtc = null, firstUptime = null, lastUtc = null, lastUptime = null;
        uint? accessSpecId = null;
        while (reader.TryRead(out var p))
        {
            var v = p.Value;
            if (p.IsTv)
            {
                switch ((LlrpParameterType)p.Type)
                {
                    case LlrpParameterType.Epc96:
                        epc = value.Slice(p.Offset, 12);
                        epcBits = 96;
                        epcFound = true;
                        break;
                    case LlrpParameterType.RoSpecId: roSpecId = BinaryPrimitives.ReadUInt32BigEndian(v); break;
                    case LlrpParameterType.SpecIndex: specIndex = BinaryPrimitives.ReadUInt16BigEndian(v); break;
                    case LlrpParameterType.InventoryParameterSpecId: inventoryParameterSpecId = BinaryPrimitives.ReadUInt16BigEndian(v); break;
                    case LlrpParameterType.AntennaId: antennaId = BinaryPrimitives.ReadUInt16BigEndian(v); break;
                    case LlrpParameterType.PeakRssi: peakRssi = (sbyte)v[0]; break;
                    case LlrpParameterType.ChannelIndex: channelIndex = BinaryPrimitives.ReadUInt16BigEndian(v); break;
                    case LlrpParameterType.FirstSeenTimestampUtc: firstUtc = BinaryPrimitives.ReadUInt64BigEndian(v); break;
                    case LlrpParameterType.FirstSeenTimestampUptime: firstUptime = BinaryPrimitives.ReadUInt64BigEndian(v); break;
                    case LlrpParameterType.LastSeenTimestampUtc: lastUtc = BinaryPrimitives.ReadUInt64BigEndian(v); break;
                    case LlrpParameterType.LastSeenTimestampUptime: lastUptime = BinaryPrimitives.ReadUInt64BigEndian(v); break;
                    case LlrpParameterType.TagSeenCount: seenCount = BinaryPrimitives.ReadUInt16BigEndian(v); break;
                    case LlrpParameterType.AccessSpecId: accessSpecId = BinaryPrimitives.ReadUInt32BigEndian(v); break;
                    default: break; // C1G2 PC/CRC, OpSpecID, ...: known length, not reported.
                }
            }
            else if (p.Known == LlrpParameterType.EpcData)
            {
                // LLRP 1.0.1 §16.2.7.3.1 EPCData: EPCLengthBits, then the bits padded to a whole octet.
                if (!EpcDataIsComplete(v))
                {
                    return LlrpRejectReason.Malformed;
                }

                epcBits = BinaryPrimitives.ReadUInt16BigEndian(v);
                epc = value.Slice(p.Offset + 2, (epcBits + 7) / 8);
                epcFound = true;
            }
        }

        if (reader.Error != LlrpRejectReason.None)
        {
            return reader.Error;
        }

        if (!epcFound)
        {
            return LlrpRejectReason.Malformed;
        }

        tag = new TagReportData
        {
            Epc = epc,
            EpcBitLength = epcBits,
            RoSpecId = roSpecId,
            SpecIndex = specIndex,
            InventoryParameterSpecId = inventoryParameterSpecId,
            AntennaId = antennaId,
            PeakRssiDbm = peakRssi,
            ChannelIndex = channelIndex,
            FirstSeenUtcMicroseconds = firstUtc,
            FirstSeenUptimeMicroseconds = firstUptime,
            LastSeenUtcMicroseconds = lastUtc,
            LastSeenUptimeMicroseconds = lastUptime,
            TagSeenCount = seenCount,
            AccessSpecId = accessSpecId,
        };
        return LlrpRejectReason.None;
    }

    private static LlrpRejectReason DecodeReaderEventNotification(uint id, ReadOnlySpan<byte> body, out LlrpMessage? decoded)
    {
        decoded = null;
        var reader = new LlrpParameterReader(body);
        ReaderEventNotificationData? data = null;
        while (reader.TryRead(out var parameter))
        {
            if (!parameter.IsTv && parameter.Known == LlrpParameterType.ReaderEventNotificationData)
            {
                var reason = DecodeEventData(parameter.Value, out data);
                if (reason != LlrpRejectReason.None)
                {
                    return reason;
                }
            }
        }

        if (reader.Error != LlrpRejectReason.None)
        {
            return reader.Error;
        }

        if (data is null)
        {
            return LlrpRejectReason.Malformed;
        }

        decoded = new ReaderEventNotification(id, data);
        return LlrpRejectReason.None;
    }

    private static LlrpRejectReason DecodeEventData(ReadOnlySpan<byte> value, out ReaderEventNotificationData? data)
    {
        data = null;
        ulong? utc = null, uptime = null;
        ConnectionAttemptStatus? attempt = null;
        var closed = false;
        RoSpecEvent? roSpecEvent = null;
        string? exception = null;
        AntennaEvent? antennaEvent = null;
        var reader = new LlrpParameterReader(value);
        while (reader.TryRead(out var p))
        {
            var v = p.Value;
            if (p.IsTv)
            {
                continue;
            }

            switch (p.Known)
            {
                case LlrpParameterType.UtcTimestamp when v.Length >= 8:
                    utc = BinaryPrimitives.ReadUInt64BigEndian(v);
                    break;
                case LlrpParameterType.Uptime when v.Length >= 8:
                    uptime = BinaryPrimitives.ReadUInt64BigEndian(v);
                    break;
                case LlrpParameterType.ConnectionAttemptEvent when v.Length >= 2:
                    attempt = (ConnectionAttemptStatus)BinaryPrimitives.ReadUInt16BigEndian(v);
                    break;
                case LlrpParameterType.ConnectionCloseEvent:
                    closed = true;
                    break;
                case LlrpParameterType.RoSpecEvent when v.Length >= 9:
                    roSpecEvent = new RoSpecEvent((RoSpecEventType)v[0], BinaryPrimitives.ReadUInt32BigEndian(v[1..]), BinaryPrimitives.ReadUInt32BigEndian(v[5..]));
                    break;
                case LlrpParameterType.AntennaEvent when v.Length >= 3:
                    antennaEvent = new AntennaEvent((AntennaEventType)v[0], BinaryPrimitives.ReadUInt16BigEndian(v[1..]));
                    break;
                case LlrpParameterType.ReaderExceptionEvent:
                    if (!TryReadUtf8V(v, out exception, out var consumed))
                    {
                        return LlrpRejectReason.Malformed;
                    }

                    var rest = new LlrpParameterReader(v[consumed..]);
                    while (rest.TryRead(out _))
                    {
                    }

                    if (rest.Error != LlrpRejectReason.None)
                    {
                        return rest.Error;
                    }

                    break;
                case LlrpParameterType.UtcTimestamp:
                case LlrpParameterType.Uptime:
                case LlrpParameterType.ConnectionAttemptEvent:
                case LlrpParameterType.RoSpecEvent:
                case LlrpParameterType.AntennaEvent:
                    return LlrpRejectReason.Malformed;
                default:
                    break;
            }
        }

        if (reader.Error != LlrpRejectReason.None)
        {
            return reader.Error;
        }

        data = new ReaderEventNotificationData(utc, uptime, attempt, closed, roSpecEvent, exception, antennaEvent);
        return LlrpRejectReason.None;
    }

    private static bool TryReadUtf8V(ReadOnlySpan<byte> source, out string text, out int consumed)
    {
        text = string.Empty;
        consumed = 0;
        if (source.Length < 2)
        {
            return false;
        }

        int count = BinaryPrimitives.ReadUInt16BigEndian(source);
        if (source.Length < 2 + count)
        {
            return false;
        }

        text = Encoding.UTF8.GetString(source.Slice(2, count));
        consumed = 2 + count;
        return true;
    }

    /// <summary>A body whose first parameter is LLRPStatus (responses, ERROR_MESSAGE); anything after it is skipped.</summary>
    private static LlrpRejectReason DecodeStatusBody(ReadOnlySpan<byte> body, out LlrpStatus? status)
    {
        status = null;
        var reader = new LlrpParameterReader(body);
        while (reader.TryRead(out var parameter))
        {
            if (!parameter.IsTv && parameter.Known == LlrpParameterType.LlrpStatus && status is null)
            {
                var reason = DecodeStatus(parameter.Value, out status);
                if (reason != LlrpRejectReason.None)
                {
                    return reason;
                }
            }
        }

        if (reader.Error != LlrpRejectReason.None)
        {
            return reader.Error;
        }

        return status is null ? LlrpRejectReason.Malformed : LlrpRejectReason.None;
    }

    private static LlrpRejectReason DecodeStatus(ReadOnlySpan<byte> value, out LlrpStatus? status)
    {
        status = null;
        if (value.Length < 2 || !TryReadUtf8V(value[2..], out var description, out var consumed))
        {
            return LlrpRejectReason.Malformed;
        }

        var code = (LlrpStatusCode)BinaryPrimitives.ReadUInt16BigEndian(value);
        var reason = DecodeErrorDetails(value[(2 + consumed)..], 0, out var fieldError, out var parameterError);
        if (reason == LlrpRejectReason.None)
        {
            status = new LlrpStatus(code, description, fieldError, parameterError);
        }

        return reason;
    }

    private static LlrpRejectReason DecodeErrorDetails(ReadOnlySpan<byte> span, int depth, out LlrpFieldError? fieldError, out LlrpParameterError? parameterError)
    {
        fieldError = null;
        parameterError = null;
        var reader = new LlrpParameterReader(span);
        while (reader.TryRead(out var p))
        {
            if (p.IsTv)
            {
                continue;
            }

            if (p.Known == LlrpParameterType.FieldError)
            {
                if (p.Value.Length < 4)
                {
                    return LlrpRejectReason.Malformed;
                }

                fieldError = new LlrpFieldError(BinaryPrimitives.ReadUInt16BigEndian(p.Value), (LlrpStatusCode)BinaryPrimitives.ReadUInt16BigEndian(p.Value[2..]));
            }
            else if (p.Known == LlrpParameterType.ParameterError)
            {
                if (p.Value.Length < 4 || depth >= MaxParameterErrorDepth)
                {
                    return LlrpRejectReason.Malformed;
                }

                var reason = DecodeErrorDetails(p.Value[4..], depth + 1, out var innerField, out var innerParameter);
                if (reason != LlrpRejectReason.None)
                {
                    return reason;
                }

                parameterError = new LlrpParameterError(
                    BinaryPrimitives.ReadUInt16BigEndian(p.Value),
                    (LlrpStatusCode)BinaryPrimitives.ReadUInt16BigEndian(p.Value[2..]),
                    innerField,
                    innerParameter);
            }
        }

        return reader.Error;
    }

    private static LlrpRejectReason DecodeCapabilitiesResponse(uint id, ReadOnlySpan<byte> body, out LlrpMessage? decoded)
    {
        decoded = null;
        var walk = new CapabilitiesWalk();
        LlrpStatus? status = null;
        var reader = new LlrpParameterReader(body);
        while (reader.TryRead(out var p))
        {
            if (p.IsTv)
            {
                return LlrpRejectReason.Malformed;
            }

            var reason = p.Known switch
            {
                LlrpParameterType.LlrpStatus => DecodeStatus(p.Value, out status),
                LlrpParameterType.GeneralDeviceCapabilities => walk.GeneralDevice(p.Value),
                LlrpParameterType.LlrpCapabilities => walk.Llrp(p.Value),
                LlrpParameterType.RegulatoryCapabilities => walk.Regulatory(p.Value),
                LlrpParameterType.C1G2LlrpCapabilities => walk.C1G2Llrp(p.Value),
                _ => walk.Skip(),
            };
            if (reason != LlrpRejectReason.None)
            {
                return reason;
            }
        }

        if (reader.Error != LlrpRejectReason.None)
        {
            return reader.Error;
        }

        if (status is null)
        {
            return LlrpRejectReason.Malformed;
        }

        decoded = new GetReaderCapabilitiesResponse(id, status, walk.Capabilities);
        return LlrpRejectReason.None;
    }

    private static LlrpRejectReason DecodeSetReaderConfig(uint id, ReadOnlySpan<byte> body, out LlrpMessage? decoded)
    {
        decoded = null;
        if (body.Length < 1)
        {
            return LlrpRejectReason.Malformed;
        }

        uint? keepalive = null;
        var reader = new LlrpParameterReader(body[1..]);
        while (reader.TryRead(out var p))
        {
            if (!p.IsTv && p.Known == LlrpParameterType.KeepaliveSpec)
            {
                // LLRP 1.0.1 §16.2.6 KeepaliveSpec: KeepaliveTriggerType (1 = Periodic), PeriodicTriggerValue in ms.
                if (p.Value.Length < 5)
                {
                    return LlrpRejectReason.Malformed;
                }

                keepalive = p.Value[0] == 1 ? BinaryPrimitives.ReadUInt32BigEndian(p.Value[1..]) : null;
            }
        }

        if (reader.Error != LlrpRejectReason.None)
        {
            return reader.Error;
        }

        decoded = new SetReaderConfig(id, (body[0] & 0x80) != 0, keepalive);
        return LlrpRejectReason.None;
    }

    private static LlrpRejectReason DecodeAddRoSpec(uint id, ReadOnlySpan<byte> body, out LlrpMessage? decoded)
    {
        decoded = null;
        var reader = new LlrpParameterReader(body);
        if (!reader.TryRead(out var roSpec))
        {
            return reader.Error == LlrpRejectReason.None ? LlrpRejectReason.Malformed : reader.Error;
        }

        // LLRP 1.0.1 §16.2.4.1 ROSpec: ROSpecID, Priority, CurrentState, then ROBoundarySpec, SpecParameters, ROReportSpec.
        if (roSpec.IsTv || roSpec.Known != LlrpParameterType.RoSpec || roSpec.Value.Length < 6)
        {
            return LlrpRejectReason.Malformed;
        }

        var roSpecId = BinaryPrimitives.ReadUInt32BigEndian(roSpec.Value);
        var priority = roSpec.Value[4];
        var antennas = new List<ushort>();
        ushort reportN = 0;
        ushort inventoryParameterSpecId = 0;
        var inner = new LlrpParameterReader(roSpec.Value[6..]);
        while (inner.TryRead(out var p))
        {
            if (p.IsTv)
            {
                return LlrpRejectReason.Malformed;
            }

            if (p.Known == LlrpParameterType.AiSpec)
            {
                var reason = DecodeAiSpec(p.Value, antennas, ref inventoryParameterSpecId);
                if (reason != LlrpRejectReason.None)
                {
                    return reason;
                }
            }
            else if (p.Known == LlrpParameterType.RoReportSpec)
            {
                if (p.Value.Length < 3)
                {
                    return LlrpRejectReason.Malformed;
                }

                reportN = BinaryPrimitives.ReadUInt16BigEndian(p.Value[1..]);
            }
        }

        if (inner.Error != LlrpRejectReason.None)
        {
            return inner.Error;
        }

        decoded = new AddRoSpec(id, new RoSpecDefinition(roSpecId, antennas, reportN, inventoryParameterSpecId, priority));
        return LlrpRejectReason.None;
    }

    private static LlrpRejectReason DecodeAiSpec(ReadOnlySpan<byte> value, List<ushort> antennas, ref ushort inventoryParameterSpecId)
    {
        // LLRP 1.0.1 §16.2.4.2 AISpec: AntennaCount, AntennaIDs, AISpecStopTrigger, InventoryParameterSpec+.
        if (value.Length < 2)
        {
            return LlrpRejectReason.Malformed;
        }

        int count = BinaryPrimitives.ReadUInt16BigEndian(value);
        if (value.Length < 2 + (2 * count))
        {
            return LlrpRejectReason.Malformed;
        }

        for (var i = 0; i < count; i++)
        {
            antennas.Add(BinaryPrimitives.ReadUInt16BigEndian(value[(2 + (2 * i))..]));
        }

        var reader = new LlrpParameterReader(value[(2 + (2 * count))..]);
        while (reader.TryRead(out var p))
        {
            if (!p.IsTv && p.Known == LlrpParameterType.InventoryParameterSpec)
            {
                if (p.Value.Length < 3)
                {
                    return LlrpRejectReason.Malformed;
                }

                inventoryParameterSpecId = BinaryPrimitives.ReadUInt16BigEndian(p.Value);
            }
        }

        return reader.Error;
    }
}
