using System.Buffers;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// The client side of functions 03, 04, 06 and 16 over any <see cref="IModbusTransport"/>. Throws
/// <see cref="ModbusException"/> for an exception response, <see cref="ModbusTimeoutException"/> when the unit
/// does not answer in time and <see cref="ModbusFrameException"/> for a rejected answer.
/// </summary>
public sealed class ModbusMaster
{
    private readonly IModbusTransport _transport;

    public ModbusMaster(IModbusTransport transport)
    {
        ArgumentNullException.ThrowIfNull(transport);
        _transport = transport;
    }

    public async Task<ushort[]> ReadHoldingRegistersAsync(byte unitId, ushort address, ushort count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var registers = new ushort[count];
        await ReadRegistersAsync(unitId, ModbusFunction.ReadHoldingRegisters, address, registers, timeout, cancellationToken);
        return registers;
    }

    public async Task<ushort[]> ReadInputRegistersAsync(byte unitId, ushort address, ushort count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var registers = new ushort[count];
        await ReadRegistersAsync(unitId, ModbusFunction.ReadInputRegisters, address, registers, timeout, cancellationToken);
        return registers;
    }

    /// <summary>Reads <paramref name="destination"/>.Length registers with function 03 or 04 into <paramref name="destination"/>.</summary>
    public async Task ReadRegistersAsync(byte unitId, ModbusFunction function, ushort address, Memory<ushort> destination, TimeSpan timeout, CancellationToken cancellationToken)
    {
        if (function is not (ModbusFunction.ReadHoldingRegisters or ModbusFunction.ReadInputRegisters))
        {
            throw new ArgumentException("registers are read with function 03 or 04", nameof(function));
        }

        var request = new ModbusRequest(function, address, (ushort)destination.Length, ReadOnlyMemory<ushort>.Empty);
        var response = ArrayPool<byte>.Shared.Rent(ModbusPdu.MaxLength);
        try
        {
            var length = await ExecuteAsync(unitId, request, response, timeout, cancellationToken);
            _ = ModbusPdu.DecodeResponse(response.AsSpan(0, length), request, out var data, out _);
            ModbusPdu.ReadRegisters(data, destination.Span);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(response);
        }
    }

    public Task WriteSingleRegisterAsync(byte unitId, ushort address, ushort value, TimeSpan timeout, CancellationToken cancellationToken) =>
        WriteAsync(unitId, ModbusRequest.WriteSingleRegister(address, value), timeout, cancellationToken);

    public Task WriteMultipleRegistersAsync(byte unitId, ushort address, ReadOnlyMemory<ushort> values, TimeSpan timeout, CancellationToken cancellationToken) =>
        WriteAsync(unitId, ModbusRequest.WriteMultipleRegisters(address, values), timeout, cancellationToken);

    private async Task WriteAsync(byte unitId, ModbusRequest request, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var response = ArrayPool<byte>.Shared.Rent(ModbusPdu.MaxLength);
        try
        {
            await ExecuteAsync(unitId, request, response, timeout, cancellationToken);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(response);
        }
    }

    // Sends the request and returns the length of a response PDU already checked to answer it.
    private async Task<int> ExecuteAsync(byte unitId, ModbusRequest request, byte[] response, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var pdu = ArrayPool<byte>.Shared.Rent(ModbusPdu.MaxLength);
        try
        {
            var pduLength = ModbusPdu.EncodeRequest(request, pdu);
            var length = await _transport.ExchangeAsync(unitId, pdu.AsMemory(0, pduLength), response, timeout, cancellationToken);
            switch (ModbusPdu.DecodeResponse(response.AsSpan(0, length), request, out _, out var code))
            {
                case ModbusPduStatus.Exception:
                    throw new ModbusException(unitId, request.Function, request.Address, code);
                case ModbusPduStatus.Malformed:
                    throw new ModbusFrameException(unitId, request.Function, request.Address, ModbusFrameException.Malformed);
                default:
                    return length;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(pdu);
        }
    }
}
