namespace EdgeGateway.Drivers.Llrp;

/// <summary>LLRP 1.0.1 ROSpecEvent EventType.</summary>
public enum RoSpecEventType : byte
{
    StartOfRoSpec = 0,
    EndOfRoSpec = 1,
    PreemptionOfRoSpec = 2,
}
