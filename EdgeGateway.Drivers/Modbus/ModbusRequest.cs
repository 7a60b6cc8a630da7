namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// One request PDU's content. <see cref="Quantity"/> is the register count for 03/04/16 and 1 for 06;
/// <see cref="Values"/> holds the registers to write (one for 06), empty for reads.
/// </summary>
public readonly record struct ModbusRequest(ModbusFunction Function, ushort Address, ushort Quantity, ReadOnlyMemory<ushort> Values)
{
    public static ModbusRequest ReadHoldingRegisters(ushort address, ushort count) =>
        new(ModbusFunction.ReadHoldingRegisters, address, count, ReadOnlyMemory<ushort>.Empty);

    public static ModbusRequest ReadInputRegisters(ushort address, ushort count) =>
        new(ModbusFunction.ReadInputRegisters, address, count, ReadOnlyMemory<ushort>.Empty);

    public static ModbusRequest WriteSingleRegister(ushort address, ushort value) =>
        new(ModbusFunction.WriteSingleRegister, address, 1, new[] { value });

    public static ModbusRequest WriteMultipleRegisters(ushort address, ReadOnlyMemory<ushort> values) =>
        new(ModbusFunction.WriteMultipleRegisters, address, (ushort)values.Length, values);
}
