namespace EdgeGateway.Drivers.Llrp;

/// <summary>A decoded LLRP message. Each message family is a record deriving from this one.</summary>
public abstract record LlrpMessage(uint MessageId)
{
    public abstract LlrpMessageType Type { get; }
}
