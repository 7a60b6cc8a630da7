namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// A response that carries only an LLRPStatus: ADD/DELETE/ENABLE/START/STOP/DISABLE_ROSPEC_RESPONSE,
/// SET_READER_CONFIG_RESPONSE and CLOSE_CONNECTION_RESPONSE (LLRP 1.0.1 §16.1).
/// </summary>
public sealed record StatusResponse(uint MessageId, LlrpMessageType ResponseType, LlrpStatus Status) : LlrpMessage(MessageId)
{
    public override LlrpMessageType Type => ResponseType;
}
