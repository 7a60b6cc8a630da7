namespace EdgeGateway.Drivers.Llrp;

/// <summary>LLRP 1.0.1 message types (§16.1: the 10-bit type of the message header).</summary>
public enum LlrpMessageType : ushort
{
    GetReaderCapabilities = 1,
    SetReaderConfig = 3,
    CloseConnectionResponse = 4,
    GetReaderCapabilitiesResponse = 11,
    SetReaderConfigResponse = 13,
    CloseConnection = 14,
    AddRoSpec = 20,
    DeleteRoSpec = 21,
    StartRoSpec = 22,
    StopRoSpec = 23,
    EnableRoSpec = 24,
    DisableRoSpec = 25,
    AddRoSpecResponse = 30,
    DeleteRoSpecResponse = 31,
    StartRoSpecResponse = 32,
    StopRoSpecResponse = 33,
    EnableRoSpecResponse = 34,
    DisableRoSpecResponse = 35,
    RoAccessReport = 61,
    Keepalive = 62,
    ReaderEventNotification = 63,
    KeepaliveAck = 72,
    ErrorMessage = 100,
    CustomMessage = 1023,
}
