namespace EdgeGateway.Drivers.Modbus;

/// <summary>A server answered with an exception response (Application Protocol V1.1b3 §7).</summary>
public sealed class ModbusException : Exception
{
    public ModbusException(byte unitId, ModbusFunction function, ushort address, ModbusExceptionCode code)
        : base($"unit {unitId} answered {function} at address {address} with exception {(byte)code:X2} {code}")
    {
        UnitId = unitId;
        Function = function;
        Address = address;
        Code = code;
    }

    public byte UnitId { get; }

    public ModbusFunction Function { get; }

    public ushort Address { get; }

    public ModbusExceptionCode Code { get; }
}
