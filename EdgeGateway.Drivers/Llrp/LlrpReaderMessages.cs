namespace EdgeGateway.Drivers.Llrp;

/// <summary>Encoders for the reader side of a session (used by the reader emulator and by tests).</summary>
public static class LlrpReaderMessages
{
    public static byte[] ConnectionAttempt(uint messageId, ulong utcMicroseconds, ConnectionAttemptStatus status)
    {
        var w = LlrpWriter.Message(LlrpMessageType.ReaderEventNotification, messageId);
        var data = w.BeginParameter(LlrpParameterType.ReaderEventNotificationData);
        Timestamp(w, utcMicroseconds);
        var attempt = w.BeginParameter(LlrpParameterType.ConnectionAttemptEvent);
        w.U16((ushort)status);
        w.EndParameter(attempt);
        w.EndParameter(data);
        return w.ToMessage();
    }

    public static byte[] RoSpecEvent(uint messageId, ulong utcMicroseconds, RoSpecEventType eventType, uint roSpecId)
    {
        var w = LlrpWriter.Message(LlrpMessageType.ReaderEventNotification, messageId);
        var data = w.BeginParameter(LlrpParameterType.ReaderEventNotificationData);
        Timestamp(w, utcMicroseconds);
        var e = w.BeginParameter(LlrpParameterType.RoSpecEvent);
        w.U8((byte)eventType);
        w.U32(roSpecId);
        w.U32(0);
        w.EndParameter(e);
        w.EndParameter(data);
        return w.ToMessage();
    }

    public static byte[] Keepalive(uint messageId) => LlrpWriter.Message(LlrpMessageType.Keepalive, messageId).ToMessage();

    public static byte[] StatusResponse(LlrpMessageType responseType, uint messageId, LlrpStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var w = LlrpWriter.Message(responseType, messageId);
        Status(w, status);
        return w.ToMessage();
    }

    public static byte[] ErrorMessage(uint messageId, LlrpStatus status) => StatusResponse(LlrpMessageType.ErrorMessage, messageId, status);

    /// <summary>A small but complete GET_READER_CAPABILITIES_RESPONSE: status and GeneralDeviceCapabilities.</summary>
    public static byte[] CapabilitiesResponse(uint messageId, ushort antennas, uint manufacturerId, uint modelName, string firmwareVersion)
    {
        var w = LlrpWriter.Message(LlrpMessageType.GetReaderCapabilitiesResponse, messageId);
        Status(w, LlrpStatus.Success);
        var general = w.BeginParameter(LlrpParameterType.GeneralDeviceCapabilities);
        w.U16(antennas);
        w.U16(0x4000); // HasUTCClockCapability
        w.U32(manufacturerId);
        w.U32(modelName);
        w.Utf8V(firmwareVersion);
        var sensitivity = w.BeginParameter(LlrpParameterType.ReceiveSensitivityTableEntry);
        w.U16(1);
        w.U16(0);
        w.EndParameter(sensitivity);
        var gpio = w.BeginParameter(LlrpParameterType.GpioCapabilities);
        w.U16(0);
        w.U16(0);
        w.EndParameter(gpio);
        for (ushort antenna = 1; antenna <= antennas; antenna++)
        {
            var air = w.BeginParameter(LlrpParameterType.PerAntennaAirProtocol);
            w.U16(antenna);
            w.U16(1);
            w.U8(1); // EPCGlobal Class 1 Gen 2
            w.EndParameter(air);
        }

        w.EndParameter(general);
        return w.ToMessage();
    }

    /// <summary>
    /// RO_ACCESS_REPORT with one TagReportData per tag, in the order the spec lists its sub-parameters
    /// (§16.2.7.3): EPC-96 when the EPC is exactly 96 bits, EPCData otherwise; then the optional TVs present.
    /// </summary>
    public static byte[] RoAccessReport(uint messageId, IEnumerable<TagReportData> tags)
    {
        ArgumentNullException.ThrowIfNull(tags);
        var w = LlrpWriter.Message(LlrpMessageType.RoAccessReport, messageId);
        foreach (var tag in tags)
        {
            var data = w.BeginParameter(LlrpParameterType.TagReportData);
            if (tag.EpcBitLength == 96 && tag.Epc.Length == 12)
            {
                w.Tv(LlrpParameterType.Epc96);
                w.Bytes(tag.Epc.Span);
            }
            else
            {
                var epc = w.BeginParameter(LlrpParameterType.EpcData);
                w.U16(checked((ushort)tag.EpcBitLength));
                w.Bytes(tag.Epc.Span);
                w.EndParameter(epc);
            }

            if (tag.RoSpecId is { } roSpecId)
            {
                w.Tv(LlrpParameterType.RoSpecId);
                w.U32(roSpecId);
            }

            if (tag.AntennaId is { } antenna)
            {
                w.Tv(LlrpParameterType.AntennaId);
                w.U16(antenna);
            }

            if (tag.PeakRssiDbm is { } rssi)
            {
                w.Tv(LlrpParameterType.PeakRssi);
                w.U8(unchecked((byte)rssi));
            }

            TvU64(w, LlrpParameterType.FirstSeenTimestampUtc, tag.FirstSeenUtcMicroseconds);
            TvU64(w, LlrpParameterType.FirstSeenTimestampUptime, tag.FirstSeenUptimeMicroseconds);
            TvU64(w, LlrpParameterType.LastSeenTimestampUtc, tag.LastSeenUtcMicroseconds);
            TvU64(w, LlrpParameterType.LastSeenTimestampUptime, tag.LastSeenUptimeMicroseconds);
            if (tag.TagSeenCount is { } count)
            {
                w.Tv(LlrpParameterType.TagSeenCount);
                w.U16(count);
            }

            w.EndParameter(data);
        }

        return w.ToMessage();
    }

    private static void TvU64(LlrpWriter w, LlrpParameterType type, ulong? value)
    {
        if (value is { } v)
        {
            w.Tv(type);
            w.U64(v);
        }
    }

    private static void Timestamp(LlrpWriter w, ulong utcMicroseconds)
    {
        var utc = w.BeginParameter(LlrpParameterType.UtcTimestamp);
        w.U64(utcMicroseconds);
        w.EndParameter(utc);
    }

    private static void Status(LlrpWriter w, LlrpStatus status)
    {
        var s = w.BeginParameter(LlrpParameterType.LlrpStatus);
        w.U16((ushort)status.Code);
        w.Utf8V(status.ErrorDescription);
        if (status.FieldError is { } field)
        {
            FieldError(w, field);
        }

        if (status.ParameterError is { } parameter)
        {
            ParameterError(w, parameter);
        }

        w.EndParameter(s);
    }

    private static void FieldError(LlrpWriter w, LlrpFieldError field)
    {
        var f = w.BeginParameter(LlrpParameterType.FieldError);
        w.U16(field.FieldNumber);
        w.U16((ushort)field.ErrorCode);
        w.EndParameter(f);
    }

    private static void ParameterError(LlrpWriter w, LlrpParameterError error)
    {
        var p = w.BeginParameter(LlrpParameterType.ParameterError);
        w.U16(error.ParameterType);
        w.U16((ushort)error.ErrorCode);
        if (error.FieldError is { } field)
        {
            FieldError(w, field);
        }

        if (error.ParameterError is { } inner)
        {
            ParameterError(w, inner);
        }

        w.EndParameter(p);
    }
}
