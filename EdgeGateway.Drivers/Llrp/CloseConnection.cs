namespace EdgeGateway.Drivers.Llrp;

/// <summary>CLOSE_CONNECTION (type 14) from the client.</summary>
public sealed record CloseConnection(uint MessageId) : LlrpMessage(MessageId)
{
    public override LlrpMessageType Type => LlrpMessageType.CloseConnection;
}
