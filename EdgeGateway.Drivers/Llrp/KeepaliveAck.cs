namespace EdgeGateway.Drivers.Llrp;

/// <summary>KEEPALIVE_ACK (type 72) from the client.</summary>
public sealed record KeepaliveAck(uint MessageId) : LlrpMessage(MessageId)
{
    public override LlrpMessageType Type => LlrpMessageType.KeepaliveAck;
}
