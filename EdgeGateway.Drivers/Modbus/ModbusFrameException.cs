namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// An answer arrived but was rejected: <see cref="Reason"/> is the stable word counted in metrics
/// (<c>crc</c>, <c>malformed</c>, <c>unexpected-unit</c>, <c>line-busy</c>: an RTU line never fell silent for t3.5).
/// </summary>
public sealed class ModbusFrameException : Exception
{
    public const string Crc = "crc";
    public const string Malformed = "malformed";
    public const string UnexpectedUnit = "unexpected-unit";
    public const string LineBusy = "line-busy";

    public ModbusFrameException(byte unitId, ModbusFunction function, ushort address, string reason)
        : base($"answer from unit {unitId} to {function} at address {address} rejected: {reason}")
    {
        UnitId = unitId;
        Function = function;
        Address = address;
        Reason = reason;
    }

    public byte UnitId { get; }

    public ModbusFunction Function { get; }

    public ushort Address { get; }

    public string Reason { get; }
}
