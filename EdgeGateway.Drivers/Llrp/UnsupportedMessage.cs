namespace EdgeGateway.Drivers.Llrp;

/// <summary>A well-framed message of a type this codec does not decode (e.g. CUSTOM_MESSAGE); skipped by length.</summary>
public sealed record UnsupportedMessage(uint MessageId, ushort TypeNumber) : LlrpMessage(MessageId)
{
    public override LlrpMessageType Type => (LlrpMessageType)TypeNumber;
}
