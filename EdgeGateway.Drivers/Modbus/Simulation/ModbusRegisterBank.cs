namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>
/// The holding and input registers of one simulated unit. Addresses 0..count-1 exist; a request touching
/// any other address earns IllegalDataAddress (Application Protocol V1.1b3 §6.3 state diagram). Thread-safe:
/// the pipe model writes while the slave serves.
/// </summary>
public sealed class ModbusRegisterBank
{
    private readonly Lock _lock = new();
    private readonly ushort[] _holding;
    private readonly ushort[] _input;

    public ModbusRegisterBank(int holdingCount = 1000, int inputCount = 1000)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(holdingCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(holdingCount, 65536);
        ArgumentOutOfRangeException.ThrowIfNegative(inputCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(inputCount, 65536);
        _holding = new ushort[holdingCount];
        _input = new ushort[inputCount];
    }

    public void SetHolding(ushort address, params ReadOnlySpan<ushort> values) => Set(_holding, address, values);

    public void SetInput(ushort address, params ReadOnlySpan<ushort> values) => Set(_input, address, values);

    public ushort[] GetHolding(ushort address, int count)
    {
        lock (_lock)
        {
            return _holding.AsSpan(address, count).ToArray();
        }
    }

    /// <summary>Writes a typed value into holding registers (<paramref name="input"/> false) or input registers.</summary>
    public void SetValue(bool input, ushort address, double value, RegisterType type, WordOrder order)
    {
        Span<ushort> words = stackalloc ushort[2];
        RegisterCodec.Encode(value, type, order, words);
        Set(input ? _input : _holding, address, words[..RegisterCodec.RegisterCount(type)]);
    }

    /// <summary>Copies registers for a 03/04 request; null when served, else the exception to answer.</summary>
    internal ModbusExceptionCode? Read(ModbusFunction function, ushort address, Span<ushort> destination)
    {
        var table = function == ModbusFunction.ReadInputRegisters ? _input : _holding;
        if (address + destination.Length > table.Length)
        {
            return ModbusExceptionCode.IllegalDataAddress;
        }

        lock (_lock)
        {
            table.AsSpan(address, destination.Length).CopyTo(destination);
        }

        return null;
    }

    /// <summary>Stores a 06/16 write; null when done, else the exception to answer.</summary>
    internal ModbusExceptionCode? Write(ushort address, ReadOnlySpan<ushort> values)
    {
        if (address + values.Length > _holding.Length)
        {
            return ModbusExceptionCode.IllegalDataAddress;
        }

        Set(_holding, address, values);
        return null;
    }

    private void Set(ushort[] table, ushort address, ReadOnlySpan<ushort> values)
    {
        lock (_lock)
        {
            values.CopyTo(table.AsSpan(address));
        }
    }
}
