namespace EdgeGateway.Drivers.Modbus;

/// <summary>RTU parity (Serial Line V1.02 §2.5.1: even is the default; none requires two stop bits by the spec, tolerated here).</summary>
public enum SerialParity
{
    None,
    Even,
    Odd,
}
