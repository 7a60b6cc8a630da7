namespace EdgeGateway.Drivers.Llrp;

/// <summary>KEEPALIVE (type 62) from the reader; the client answers with KEEPALIVE_ACK.</summary>
public sealed record Keepalive(uint MessageId) : LlrpMessage(MessageId)
{
    public override LlrpMessageType Type => LlrpMessageType.Keepalive;
}
