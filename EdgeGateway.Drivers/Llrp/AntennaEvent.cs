namespace EdgeGateway.Drivers.Llrp;

/// <summary>LLRP 1.0.1 AntennaEvent (TLV 255): an antenna was connected or disconnected.</summary>
public sealed record AntennaEvent(AntennaEventType EventType, ushort AntennaId);
