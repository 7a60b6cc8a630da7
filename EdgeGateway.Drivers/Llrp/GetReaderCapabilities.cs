namespace EdgeGateway.Drivers.Llrp;

/// <summary>GET_READER_CAPABILITIES (type 1); <paramref name="RequestedData"/> 0 asks for everything.</summary>
public sealed record GetReaderCapabilities(uint MessageId, byte RequestedData) : LlrpMessage(MessageId)
{
    public override LlrpMessageType Type => LlrpMessageType.GetReaderCapabilities;
}
