namespace EdgeGateway.Drivers.Llrp;

/// <summary>The specification's own names for LLRP codes, used in logs and counters so they can be looked up in LLRP 1.0.1.</summary>
public static class LlrpNames
{
    public static string Of(LlrpStatusCode code) => code switch
    {
        LlrpStatusCode.Success => "M_Success",
        LlrpStatusCode.MessageParameterError => "M_ParameterError",
        LlrpStatusCode.MessageFieldError => "M_FieldError",
        LlrpStatusCode.MessageUnexpectedParameter => "M_UnexpectedParameter",
        LlrpStatusCode.MessageMissingParameter => "M_MissingParameter",
        LlrpStatusCode.MessageDuplicateParameter => "M_DuplicateParameter",
        LlrpStatusCode.MessageOverflowParameter => "M_OverflowParameter",
        LlrpStatusCode.MessageOverflowField => "M_OverflowField",
        LlrpStatusCode.MessageUnknownParameter => "M_UnknownParameter",
        LlrpStatusCode.MessageUnknownField => "M_UnknownField",
        LlrpStatusCode.MessageUnsupportedMessage => "M_UnsupportedMessage",
        LlrpStatusCode.MessageUnsupportedVersion => "M_UnsupportedVersion",
        LlrpStatusCode.MessageUnsupportedParameter => "M_UnsupportedParameter",
        LlrpStatusCode.ParameterParameterError => "P_ParameterError",
        LlrpStatusCode.ParameterFieldError => "P_FieldError",
        LlrpStatusCode.ParameterUnexpectedParameter => "P_UnexpectedParameter",
        LlrpStatusCode.ParameterMissingParameter => "P_MissingParameter",
        LlrpStatusCode.ParameterDuplicateParameter => "P_DuplicateParameter",
        LlrpStatusCode.ParameterOverflowParameter => "P_OverflowParameter",
        LlrpStatusCode.ParameterOverflowField => "P_OverflowField",
        LlrpStatusCode.ParameterUnknownParameter => "P_UnknownParameter",
        LlrpStatusCode.ParameterUnknownField => "P_UnknownField",
        LlrpStatusCode.ParameterUnsupportedParameter => "P_UnsupportedParameter",
        LlrpStatusCode.FieldInvalid => "A_Invalid",
        LlrpStatusCode.FieldOutOfRange => "A_OutOfRange",
        LlrpStatusCode.DeviceError => "R_DeviceError",
        _ => "Status_" + ((ushort)code).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Of(ConnectionAttemptStatus status) => status switch
    {
        ConnectionAttemptStatus.Success => "Success",
        ConnectionAttemptStatus.FailedReaderInitiatedConnectionAlreadyExists => "Failed_A_Reader_Initiated_Connection_Already_Exists",
        ConnectionAttemptStatus.FailedClientInitiatedConnectionAlreadyExists => "Failed_A_Client_Initiated_Connection_Already_Exists",
        ConnectionAttemptStatus.FailedReasonOtherThanConnectionAlreadyExists => "Failed_Reason_Other_Than_A_Connection_Already_Exists",
        ConnectionAttemptStatus.AnotherConnectionAttempted => "Another_Connection_Attempted",
        _ => "ConnectionAttemptStatus_" + ((ushort)status).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Of(LlrpMessageType type) => type switch
    {
        LlrpMessageType.GetReaderCapabilities => "GET_READER_CAPABILITIES",
        LlrpMessageType.SetReaderConfig => "SET_READER_CONFIG",
        LlrpMessageType.CloseConnectionResponse => "CLOSE_CONNECTION_RESPONSE",
        LlrpMessageType.GetReaderCapabilitiesResponse => "GET_READER_CAPABILITIES_RESPONSE",
        LlrpMessageType.SetReaderConfigResponse => "SET_READER_CONFIG_RESPONSE",
        LlrpMessageType.CloseConnection => "CLOSE_CONNECTION",
        LlrpMessageType.AddRoSpec => "ADD_ROSPEC",
        LlrpMessageType.DeleteRoSpec => "DELETE_ROSPEC",
        LlrpMessageType.StartRoSpec => "START_ROSPEC",
        LlrpMessageType.StopRoSpec => "STOP_ROSPEC",
        LlrpMessageType.EnableRoSpec => "ENABLE_ROSPEC",
        LlrpMessageType.DisableRoSpec => "DISABLE_ROSPEC",
        LlrpMessageType.AddRoSpecResponse => "ADD_ROSPEC_RESPONSE",
        LlrpMessageType.DeleteRoSpecResponse => "DELETE_ROSPEC_RESPONSE",
        LlrpMessageType.StartRoSpecResponse => "START_ROSPEC_RESPONSE",
        LlrpMessageType.StopRoSpecResponse => "STOP_ROSPEC_RESPONSE",
        LlrpMessageType.EnableRoSpecResponse => "ENABLE_ROSPEC_RESPONSE",
        LlrpMessageType.DisableRoSpecResponse => "DISABLE_ROSPEC_RESPONSE",
        LlrpMessageType.RoAccessReport => "RO_ACCESS_REPORT",
        LlrpMessageType.Keepalive => "KEEPALIVE",
        LlrpMessageType.ReaderEventNotification => "READER_EVENT_NOTIFICATION",
        LlrpMessageType.KeepaliveAck => "KEEPALIVE_ACK",
        LlrpMessageType.ErrorMessage => "ERROR_MESSAGE",
        LlrpMessageType.CustomMessage => "CUSTOM_MESSAGE",
        _ => "MESSAGE_" + ((ushort)type).ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}
