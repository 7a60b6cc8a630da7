using System.Buffers;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Llrp;

public sealed class LlrpCodecTests
{
    private static T DecodeAs<T>(byte[] bytes)
        where T : LlrpMessage
    {
        var reason = LlrpMessageDecoder.Decode(bytes, out var message);
        Assert.Equal(LlrpRejectReason.None, reason);
        return Assert.IsType<T>(message);
    }

    [Fact]
    public void Keepalive_vector_decodes_to_its_message_id()
    {
        var keepalive = DecodeAs<Keepalive>(LlrpVectors.Keepalive);

        Assert.Equal(0x1234u, keepalive.MessageId);
    }

    [Fact]
    public void Keepalive_and_its_ack_encode_to_the_spec_layout()
    {
        Assert.Equal(LlrpVectors.Keepalive, LlrpReaderMessages.Keepalive(0x1234));
        Assert.Equal(LlrpVectors.Hex("0448 0000000A 00001234"), LlrpClientMessages.KeepaliveAck(0x1234));
    }

    [Fact]
    public void Reader_event_notification_carries_the_connection_attempt_status_and_timestamp()
    {
        var notification = DecodeAs<ReaderEventNotification>(LlrpVectors.ConnectionAttemptRefused);

        Assert.Equal(ConnectionAttemptStatus.FailedClientInitiatedConnectionAlreadyExists, notification.Data.ConnectionAttempt);
        Assert.Equal("Failed_A_Client_Initiated_Connection_Already_Exists", LlrpNames.Of(notification.Data.ConnectionAttempt!.Value));
        Assert.Equal(1_700_000_000_000_000UL, notification.Data.UtcMicroseconds);
        Assert.Null(notification.Data.UptimeMicroseconds);
    }

    [Fact]
    public void Connection_attempt_encoder_matches_the_hand_assembled_bytes()
    {
        Assert.Equal(LlrpVectors.ConnectionAttemptSuccess, LlrpReaderMessages.ConnectionAttempt(0, 1_700_000_000_000_000, ConnectionAttemptStatus.Success));
        Assert.Equal(LlrpVectors.ConnectionAttemptRefused, LlrpReaderMessages.ConnectionAttempt(0, 1_700_000_000_000_000, ConnectionAttemptStatus.FailedClientInitiatedConnectionAlreadyExists));
    }

    [Fact]
    public void Error_message_decodes_status_description_and_nested_errors_by_name()
    {
        var error = DecodeAs<ErrorMessage>(LlrpVectors.ErrorMessage);

        Assert.Equal(42u, error.MessageId);
        Assert.Equal(LlrpStatusCode.MessageFieldError, error.Status.Code);
        Assert.Equal("bad antenna", error.Status.ErrorDescription);
        Assert.Null(error.Status.FieldError);
        Assert.Equal(new LlrpParameterError(183, LlrpStatusCode.ParameterFieldError, new LlrpFieldError(1, LlrpStatusCode.FieldOutOfRange), null), error.Status.ParameterError);
        Assert.Equal("M_FieldError: bad antenna (parameter 183: P_FieldError, field 1: A_OutOfRange)", error.Status.Describe());
    }

    [Fact]
    public void Error_message_encoder_matches_the_hand_assembled_bytes()
    {
        var status = new LlrpStatus(LlrpStatusCode.MessageFieldError, "bad antenna", null,
            new LlrpParameterError(183, LlrpStatusCode.ParameterFieldError, new LlrpFieldError(1, LlrpStatusCode.FieldOutOfRange), null));

        Assert.Equal(LlrpVectors.ErrorMessage, LlrpReaderMessages.ErrorMessage(42, status));
    }

    [Fact]
    public void Ro_access_report_yields_every_tag_with_every_field_and_skips_custom_and_unknown_parameters()
    {
        var report = DecodeAs<RoAccessReport>(LlrpVectors.ThreeTagReport);
        var tags = report.Tags.ToList();

        Assert.Equal(7u, report.MessageId);
        Assert.Equal(3, report.TagCount);
        Assert.Equal(3, tags.Count);

        Assert.Equal(LlrpVectors.Sgtin96Example, Convert.ToHexString(tags[0].Epc.Span));
        Assert.Equal(96, tags[0].EpcBitLength);
        Assert.Equal(1u, tags[0].RoSpecId);
        Assert.Equal((ushort)1, tags[0].AntennaId);
        Assert.Equal((sbyte)-52, tags[0].PeakRssiDbm);
        Assert.Equal(1_700_000_000_000_000UL, tags[0].FirstSeenUtcMicroseconds);
        Assert.Equal(1_700_000_000_500_000UL, tags[0].LastSeenUtcMicroseconds);
        Assert.Null(tags[0].FirstSeenUptimeMicroseconds);
        Assert.Equal((ushort)3, tags[0].TagSeenCount);

        Assert.Equal(LlrpVectors.Sgtin198Example, Convert.ToHexString(tags[1].Epc.Span));
        Assert.Equal(198, tags[1].EpcBitLength);
        Assert.Null(tags[1].RoSpecId);
        Assert.Equal((ushort)2, tags[1].AntennaId);
        Assert.Equal((sbyte)-60, tags[1].PeakRssiDbm);
        Assert.Equal(10_000_000UL, tags[1].FirstSeenUptimeMicroseconds);
        Assert.Equal(10_500_000UL, tags[1].LastSeenUptimeMicroseconds);
        Assert.Null(tags[1].LastSeenUtcMicroseconds);
        Assert.Equal((ushort)1, tags[1].TagSeenCount);

        Assert.Equal("E280116060000209F1A2B3C4D5E6F708", Convert.ToHexString(tags[2].Epc.Span));
        Assert.Equal(128, tags[2].EpcBitLength);
        Assert.Equal((sbyte)-75, tags[2].PeakRssiDbm);
        Assert.Null(tags[2].TagSeenCount);
    }

    [Fact]
    public void Ro_access_report_encoder_matches_the_hand_assembled_bytes()
    {
        var decoded = DecodeAs<RoAccessReport>(LlrpVectors.TwoTagReport).Tags.ToList();

        Assert.Equal(LlrpVectors.TwoTagReport, LlrpReaderMessages.RoAccessReport(7, decoded));
    }

    [Fact]
    public void Add_rospec_is_encoded_exactly_as_the_spec_layout_and_decodes_back()
    {
        var roSpec = new RoSpecDefinition(1, [1, 2], 1);

        var bytes = LlrpClientMessages.AddRoSpec(5, roSpec);

        Assert.Equal(LlrpVectors.AddRoSpec, bytes);
        var decoded = DecodeAs<AddRoSpec>(bytes);
        Assert.Equal(1u, decoded.RoSpec.RoSpecId);
        Assert.Equal([(ushort)1, (ushort)2], decoded.RoSpec.Antennas);
        Assert.Equal((ushort)1, decoded.RoSpec.ReportEveryNTags);
        Assert.Equal((ushort)1, decoded.RoSpec.InventoryParameterSpecId);
    }

    [Fact]
    public void Client_commands_encode_to_the_spec_layout()
    {
        Assert.Equal(LlrpVectors.Hex("0401 0000000B 00000001 00"), LlrpClientMessages.GetReaderCapabilities(1));
        Assert.Equal(LlrpVectors.Hex("0415 0000000E 00000002 00000000"), LlrpClientMessages.DeleteRoSpec(2, 0));
        Assert.Equal(LlrpVectors.Hex("0418 0000000E 00000003 00000001"), LlrpClientMessages.EnableRoSpec(3, 1));
        Assert.Equal(LlrpVectors.Hex("0416 0000000E 00000004 00000001"), LlrpClientMessages.StartRoSpec(4, 1));
        Assert.Equal(LlrpVectors.Hex("040E 0000000A 00000009"), LlrpClientMessages.CloseConnection(9));
        Assert.Equal(
            LlrpVectors.Hex(
                "0403 0000002D 00000006 00",          // SET_READER_CONFIG, 45 bytes, no factory reset
                "00F4 0019",                          // ReaderEventNotificationSpec, 25 bytes
                "00F5 0007 0002 80",                  // ROSpec events on
                "00F5 0007 0004 80",                  // Reader exception events on
                "00F5 0007 0008 80",                  // Antenna events on
                "00DC 0009 01 00002710"),             // KeepaliveSpec: Periodic, 10000 ms
            LlrpClientMessages.SetReaderConfig(6, 10_000));
    }

    [Fact]
    public void Set_reader_config_decodes_its_keepalive_period()
    {
        var config = DecodeAs<SetReaderConfig>(LlrpClientMessages.SetReaderConfig(6, 2500));

        Assert.Equal(2500u, config.KeepaliveIntervalMs);
        Assert.False(config.ResetToFactoryDefault);
    }

    [Fact]
    public void Real_impinj_capabilities_capture_is_walked_completely()
    {
        var bytes = File.ReadAllBytes(LlrpVectors.CapturePath);

        var response = DecodeAs<GetReaderCapabilitiesResponse>(bytes);
        var caps = response.Capabilities;

        Assert.Equal(1495, bytes.Length);
        Assert.Equal(0u, response.MessageId);
        Assert.True(response.Status.IsSuccess);
        Assert.Equal(25882u, caps.ManufacturerId);
        Assert.Equal(2001001u, caps.ModelName);
        Assert.Equal("4.8.3.240", caps.FirmwareVersion);
        Assert.Equal(2, caps.MaxAntennas);
        Assert.True(caps.HasUtcClock);
        Assert.False(caps.CanSetAntennaProperties);
        Assert.Equal(42, caps.ReceiveSensitivityEntries);
        Assert.Equal(0, caps.PerAntennaReceiveSensitivityRanges);
        Assert.Equal((ushort)4, caps.GpiCount);
        Assert.Equal((ushort)4, caps.GpoCount);
        Assert.Equal(2, caps.PerAntennaAirProtocols);
        Assert.Equal(1u, caps.MaxRoSpecs);
        Assert.Equal(16u, caps.MaxSpecsPerRoSpec);
        Assert.Equal((ushort)840, caps.CountryCode);
        Assert.Equal((ushort)1, caps.CommunicationsStandard);
        Assert.Equal(91, caps.TransmitPowerLevels);
        Assert.True(caps.Hopping);
        Assert.Equal(1, caps.FrequencyHopTables);
        Assert.Equal(50, caps.HopTableFrequencies);
        Assert.Equal(0, caps.FixedFrequencies);
        Assert.Equal(3, caps.C1G2RfModes);
        Assert.Equal((ushort)2, caps.C1G2MaxSelectFiltersPerQuery);
        Assert.Equal(0, caps.SkippedParameters);
    }

    [Fact]
    public void Capture_with_a_parameter_longer_than_its_parent_is_rejected_as_an_overrun()
    {
        var bytes = File.ReadAllBytes(LlrpVectors.CapturePath);
        // GeneralDeviceCapabilities' length (offset 20) grown by one: it now overruns the message.
        bytes[21]++;

        Assert.Equal(LlrpRejectReason.ParameterOverrun, LlrpMessageDecoder.Decode(bytes, out var message));
        Assert.Null(message);
    }

    [Fact]
    public void Custom_message_is_skipped_not_rejected()
    {
        var custom = LlrpVectors.Hex("07FF 00000013 00000003 0000651A 15 01020304");

        var message = DecodeAs<UnsupportedMessage>(custom);

        Assert.Equal((ushort)1023, message.TypeNumber);
    }

    [Fact]
    public void Frame_reader_asks_for_more_data_until_the_announced_length_has_arrived()
    {
        var bytes = LlrpVectors.ThreeTagReport;
        var partial = new ReadOnlySequence<byte>(bytes, 0, 100);

        Assert.Equal(LlrpFrameStatus.NeedMoreData, LlrpFrameReader.TryReadFrame(ref partial, 4096, out _, out _));
        Assert.Equal(100, partial.Length);

        var head = new ReadOnlySequence<byte>(bytes, 0, 6);
        Assert.Equal(LlrpFrameStatus.NeedMoreData, LlrpFrameReader.TryReadFrame(ref head, 4096, out _, out _));

        var twoMessages = new ReadOnlySequence<byte>([.. bytes, .. LlrpVectors.Keepalive]);
        Assert.Equal(LlrpFrameStatus.Complete, LlrpFrameReader.TryReadFrame(ref twoMessages, 4096, out var first, out _));
        Assert.Equal(bytes.Length, first.Length);
        Assert.Equal(LlrpFrameStatus.Complete, LlrpFrameReader.TryReadFrame(ref twoMessages, 4096, out var second, out _));
        Assert.Equal(LlrpVectors.Keepalive, second.ToArray());
        Assert.True(twoMessages.IsEmpty);
    }

    [Theory]
    [InlineData("043E 00000009 00000001", LlrpRejectReason.BadLength)]
    [InlineData("043E 00100001 00000001", LlrpRejectReason.BadLength)]
    [InlineData("083E 0000000A 00000001", LlrpRejectReason.UnsupportedVersion)]
    public void Frame_reader_rejects_impossible_headers(string hex, LlrpRejectReason expected)
    {
        var buffer = new ReadOnlySequence<byte>(LlrpVectors.Hex(hex));

        Assert.Equal(LlrpFrameStatus.Rejected, LlrpFrameReader.TryReadFrame(ref buffer, 4096, out _, out var reason));
        Assert.Equal(expected, reason);
    }

    [Fact]
    public void Unknown_tv_parameter_is_malformed_because_it_cannot_be_skipped()
    {
        // TagReportData holding EPC-96 then TV type 99, which has no defined length.
        var bytes = LlrpVectors.Hex("043D 00000020 00000001", "00F0 0016", "8D " + LlrpVectors.Sgtin96Example, "E3 0000 00 00");

        Assert.Equal(LlrpRejectReason.Malformed, LlrpMessageDecoder.Decode(bytes, out _));
    }

    [Fact]
    public void Tag_report_data_without_an_epc_is_malformed()
    {
        var bytes = LlrpVectors.Hex("043D 00000011 00000001", "00F0 0007", "81 0001");

        Assert.Equal(LlrpRejectReason.Malformed, LlrpMessageDecoder.Decode(bytes, out _));
    }
}
