namespace EdgeGateway.Drivers.Llrp;

/// <summary>Encoders for the messages a client sends to a reader (LLRP 1.0.1 §16.1).</summary>
public static class LlrpClientMessages
{
    /// <summary>
    /// TagReportContentSelector bits (§16.2.7.1.1): ROSpecID, AntennaID, PeakRSSI, FirstSeenTimestamp,
    /// LastSeenTimestamp, TagSeenCount; SpecIndex, InventoryParameterSpecID, ChannelIndex, AccessSpecID off.
    /// </summary>
    public const ushort TagReportContent = 0x8000 | 0x1000 | 0x0400 | 0x0200 | 0x0100 | 0x0080;

    public static byte[] GetReaderCapabilities(uint messageId)
    {
        var w = LlrpWriter.Message(LlrpMessageType.GetReaderCapabilities, messageId);
        w.U8(0); // RequestedData 0 = All
        return w.ToMessage();
    }

    public static byte[] DeleteRoSpec(uint messageId, uint roSpecId) => RoSpecCommand(LlrpMessageType.DeleteRoSpec, messageId, roSpecId);

    public static byte[] EnableRoSpec(uint messageId, uint roSpecId) => RoSpecCommand(LlrpMessageType.EnableRoSpec, messageId, roSpecId);

    public static byte[] StartRoSpec(uint messageId, uint roSpecId) => RoSpecCommand(LlrpMessageType.StartRoSpec, messageId, roSpecId);

    public static byte[] KeepaliveAck(uint messageId) => LlrpWriter.Message(LlrpMessageType.KeepaliveAck, messageId).ToMessage();

    public static byte[] CloseConnection(uint messageId) => LlrpWriter.Message(LlrpMessageType.CloseConnection, messageId).ToMessage();

    /// <summary>
    /// SET_READER_CONFIG (ResetToFactoryDefault 0) with ReaderEventNotificationSpec turning
    /// on ROSpec, reader-exception and antenna events, and a periodic KeepaliveSpec.
    /// </summary>
    public static byte[] SetReaderConfig(uint messageId, uint keepaliveIntervalMs)
    {
        var w = LlrpWriter.Message(LlrpMessageType.SetReaderConfig, messageId);
        w.U8(0);
        var spec = w.BeginParameter(LlrpParameterType.ReaderEventNotificationSpec);
        // EventType numbers: 2 ROSpec event, 4 Reader exception event, 8 Antenna event.
        foreach (var eventType in (ReadOnlySpan<ushort>)[2, 4, 8])
        {
            var state = w.BeginParameter(LlrpParameterType.EventNotificationState);
            w.U16(eventType);
            w.U8(0x80); // NotificationState = on
            w.EndParameter(state);
        }

        w.EndParameter(spec);
        var keepalive = w.BeginParameter(LlrpParameterType.KeepaliveSpec);
        w.U8(1); // Periodic
        w.U32(keepaliveIntervalMs);
        w.EndParameter(keepalive);
        return w.ToMessage();
    }

    /// <summary>
    /// ADD_ROSPEC with one ROSpec: Disabled until ENABLE_ROSPEC; start trigger Null so START_ROSPEC starts
    /// it (an Immediate trigger would start it on ENABLE and make START_ROSPEC an error on strict readers);
    /// stop trigger Null (runs until stopped or deleted); one AISpec over the antennas with a Null stop
    /// trigger and a C1G2 InventoryParameterSpec; ROReportSpec Upon_N_Tags_Or_End_Of_ROSpec.
    /// </summary>
    public static byte[] AddRoSpec(uint messageId, RoSpecDefinition roSpec)
    {
        ArgumentNullException.ThrowIfNull(roSpec);
        var w = LlrpWriter.Message(LlrpMessageType.AddRoSpec, messageId);
        var spec = w.BeginParameter(LlrpParameterType.RoSpec);
        w.U32(roSpec.RoSpecId);
        w.U8(roSpec.Priority);
        w.U8(0); // CurrentState: Disabled

        var boundary = w.BeginParameter(LlrpParameterType.RoBoundarySpec);
        var start = w.BeginParameter(LlrpParameterType.RoSpecStartTrigger);
        w.U8(0); // Null: started by START_ROSPEC
        w.EndParameter(start);
        var stop = w.BeginParameter(LlrpParameterType.RoSpecStopTrigger);
        w.U8(0); // Null
        w.U32(0); // DurationTriggerValue, ignored for Null
        w.EndParameter(stop);
        w.EndParameter(boundary);

        var ai = w.BeginParameter(LlrpParameterType.AiSpec);
        w.U16(checked((ushort)roSpec.Antennas.Count));
        foreach (var antenna in roSpec.Antennas)
        {
            w.U16(antenna);
        }

        var aiStop = w.BeginParameter(LlrpParameterType.AiSpecStopTrigger);
        w.U8(0); // Null: runs as long as the ROSpec
        w.U32(0);
        w.EndParameter(aiStop);
        var inventory = w.BeginParameter(LlrpParameterType.InventoryParameterSpec);
        w.U16(roSpec.InventoryParameterSpecId);
        w.U8(1); // ProtocolID: EPCGlobal Class 1 Gen 2
        w.EndParameter(inventory);
        w.EndParameter(ai);

        var report = w.BeginParameter(LlrpParameterType.RoReportSpec);
        w.U8(2); // Upon_N_Tags_Or_End_Of_ROSpec
        w.U16(roSpec.ReportEveryNTags);
        var content = w.BeginParameter(LlrpParameterType.TagReportContentSelector);
        w.U16(TagReportContent);
        w.EndParameter(content);
        w.EndParameter(report);

        w.EndParameter(spec);
        return w.ToMessage();
    }

    private static byte[] RoSpecCommand(LlrpMessageType type, uint messageId, uint roSpecId)
    {
        var w = LlrpWriter.Message(type, messageId);
        w.U32(roSpecId);
        return w.ToMessage();
    }
}
