namespace EdgeGateway.Drivers.Llrp;

/// <summary>LLRP 1.0.1 AntennaEvent EventType.</summary>
public enum AntennaEventType : byte
{
    Disconnected = 0,
    Connected = 1,
}
