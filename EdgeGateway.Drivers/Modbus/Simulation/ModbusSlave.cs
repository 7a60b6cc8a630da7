namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>
/// The server side shared by the RTU and TCP simulators: one register bank per unit id, each unit can be
/// muted (it then stays silent, as a dead transmitter on a live bus does).
/// </summary>
public sealed class ModbusSlave
{
    private readonly Dictionary<byte, ModbusRegisterBank> _units = [];
    private readonly HashSet<byte> _muted = [];
    private readonly Lock _lock = new();
    private long _requests;
    private long _exceptions;

    /// <summary>Requests answered (normally or with an exception).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Exception responses sent.</summary>
    public long Exceptions => Interlocked.Read(ref _exceptions);

    public ModbusRegisterBank AddUnit(byte unitId, ModbusRegisterBank? bank = null)
    {
        bank ??= new ModbusRegisterBank();
        lock (_lock)
        {
            _units.Add(unitId, bank);
        }

        return bank;
    }

    public ModbusRegisterBank this[byte unitId]
    {
        get
        {
            lock (_lock)
            {
                return _units[unitId];
            }
        }
    }

    /// <summary>A muted unit receives requests but never answers.</summary>
    public void SetResponding(byte unitId, bool responding)
    {
        lock (_lock)
        {
            _ = responding ? _muted.Remove(unitId) : _muted.Add(unitId);
        }
    }

    /// <summary>Serves one request PDU; returns the response PDU length, or 0 when the unit stays silent.</summary>
    public int Handle(byte unitId, ReadOnlySpan<byte> requestPdu, Span<byte> responsePdu)
    {
        ModbusRegisterBank? bank;
        lock (_lock)
        {
            if (!_units.TryGetValue(unitId, out bank) || _muted.Contains(unitId))
            {
                return 0;
            }
        }

        if (requestPdu.IsEmpty)
        {
            return 0;
        }

        Interlocked.Increment(ref _requests);
        ModbusExceptionCode? error;
        switch (ModbusPdu.DecodeRequest(requestPdu, out var request, out var code))
        {
            case ModbusPduStatus.Ok:
                error = Serve(bank, request, responsePdu, out var length);
                if (error is null)
                {
                    return length;
                }

                break;
            default:
                error = code;
                break;
        }

        Interlocked.Increment(ref _exceptions);
        return ModbusPdu.EncodeException(requestPdu[0], error.Value, responsePdu);
    }

    private static ModbusExceptionCode? Serve(ModbusRegisterBank bank, ModbusRequest request, Span<byte> responsePdu, out int length)
    {
        length = 0;
        switch (request.Function)
        {
            case ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters:
                Span<ushort> registers = stackalloc ushort[ModbusPdu.MaxReadQuantity];
                var error = bank.Read(request.Function, request.Address, registers[..request.Quantity]);
                if (error is null)
                {
                    length = ModbusPdu.EncodeReadResponse(request.Function, registers[..request.Quantity], responsePdu);
                }

                return error;
            default:
                var writeError = bank.Write(request.Address, request.Values.Span);
                if (writeError is null)
                {
                    var echo = request.Function == ModbusFunction.WriteSingleRegister ? request.Values.Span[0] : request.Quantity;
                    length = ModbusPdu.EncodeWriteResponse(request.Function, request.Address, echo, responsePdu);
                }

                return writeError;
        }
    }
}
