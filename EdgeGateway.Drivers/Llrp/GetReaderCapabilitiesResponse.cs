namespace EdgeGateway.Drivers.Llrp;

/// <summary>GET_READER_CAPABILITIES_RESPONSE (type 11).</summary>
public sealed record GetReaderCapabilitiesResponse(uint MessageId, LlrpStatus Status, ReaderCapabilities Capabilities) : LlrpMessage(MessageId)
{
    public override LlrpMessageType Type => LlrpMessageType.GetReaderCapabilitiesResponse;
}
