namespace EdgeGateway.Drivers.Llrp;

/// <summary>LLRP 1.0.1 ROSpecEvent (TLV 249).</summary>
public sealed record RoSpecEvent(RoSpecEventType EventType, uint RoSpecId, uint PreemptingRoSpecId);
