namespace EdgeGateway.Drivers.Llrp;

/// <summary>DELETE/ENABLE/START/STOP/DISABLE_ROSPEC: a command naming one ROSpec (0 = all, for DELETE).</summary>
public sealed record RoSpecCommand(uint MessageId, LlrpMessageType CommandType, uint RoSpecId) : LlrpMessage(MessageId)
{
    public override LlrpMessageType Type => CommandType;
}
