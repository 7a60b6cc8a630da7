namespace EdgeGateway.Drivers.Modbus;

/// <summary>How a point's register(s) are interpreted. 16-bit types use one register, 32-bit types two.</summary>
#pragma warning disable CA1720 // The names are the register types as device profiles and config spell them.
public enum RegisterType
{
    Int16,
    UInt16,
    Int32,
    UInt32,
    Float32,
}
#pragma warning restore CA1720
