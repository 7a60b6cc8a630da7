namespace EdgeGateway.Drivers.Llrp;

/// <summary>SET_READER_CONFIG (type 3): the parts this gateway sets (keepalive period; null when absent or not periodic).</summary>
public sealed record SetReaderConfig(uint MessageId, bool ResetToFactoryDefault, uint? KeepaliveIntervalMs) : LlrpMessage(MessageId)
{
    public override LlrpMessageType Type => LlrpMessageType.SetReaderConfig;
}
