namespace EdgeGateway.Drivers.Llrp;

/// <summary>ERROR_MESSAGE (type 100): the reader could not process a message (e.g. unsupported type or version).</summary>
public sealed record ErrorMessage(uint MessageId, LlrpStatus Status) : LlrpMessage(MessageId)
{
    public override LlrpMessageType Type => LlrpMessageType.ErrorMessage;
}
