namespace EdgeGateway.Drivers.Llrp;

/// <summary>ADD_ROSPEC (type 20), as far as this gateway and its reader emulator use it.</summary>
public sealed record AddRoSpec(uint MessageId, RoSpecDefinition RoSpec) : LlrpMessage(MessageId)
{
    public override LlrpMessageType Type => LlrpMessageType.AddRoSpec;
}
