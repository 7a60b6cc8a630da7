using EdgeGateway.Drivers.Serial;

namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>
/// Serves a <see cref="ModbusSlave"/> as RTU on the controller side of a pseudo-terminal; a master opens
/// <see cref="DevicePath"/> as it would an RS-485 adapter. Faults can be injected into the next answer.
/// </summary>
public sealed class ModbusRtuSlaveSimulator : IAsyncDisposable
{
    private readonly PseudoTerminal _pty;
    private readonly ModbusSlave _slave;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private int _corruptNext;
    private int _truncateNext;

    private ModbusRtuSlaveSimulator(PseudoTerminal pty, ModbusSlave slave)
    {
        _pty = pty;
        _slave = slave;
        _serving = Task.Run(() => ServeAsync(_stop.Token));
    }

    /// <summary>The path a master opens, e.g. <c>/dev/pts/7</c>.</summary>
    public string DevicePath => _pty.DevicePath;

    /// <summary>Request frames whose CRC did not match (the simulator drops them, as a slave must).</summary>
    public long CrcErrors { get; private set; }

    public static ModbusRtuSlaveSimulator Start(ModbusSlave slave)
    {
        ArgumentNullException.ThrowIfNull(slave);
        return new ModbusRtuSlaveSimulator(PseudoTerminal.Open(), slave);
    }

    /// <summary>The next answer goes out with its CRC flipped.</summary>
    public void CorruptNextResponse() => Interlocked.Exchange(ref _corruptNext, 1);

    /// <summary>Only the first half of the next answer goes out.</summary>
    public void TruncateNextResponse() => Interlocked.Exchange(ref _truncateNext, 1);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _pty.Dispose();
        try
        {
            await _serving;
        }
        catch (OperationCanceledException)
        {
            // Stopping is the expected end of the serving loop.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync(CancellationToken cancellationToken)
    {
        var buffer = new byte[2 * ModbusRtuCodec.MaxAduLength];
        var response = new byte[ModbusPdu.MaxLength];
        var adu = new byte[ModbusRtuCodec.MaxAduLength];
        var filled = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            var read = await _pty.ReadAsync(buffer.AsMemory(filled), cancellationToken);
            if (read == 0)
            {
                return;
            }

            filled += read;
            while (filled > 0)
            {
                var status = ModbusRtuCodec.DecodeRequest(buffer.AsSpan(0, filled), out var unitId, out var pdu, out var frameLength);
                if (status == ModbusDecodeStatus.NeedMoreData)
                {
                    if (filled == buffer.Length)
                    {
                        filled = 0;
                    }

                    break;
                }

                var responseLength = 0;
                if (status == ModbusDecodeStatus.Frame)
                {
                    responseLength = _slave.Handle(unitId, pdu, response);
                }
                else if (status == ModbusDecodeStatus.CrcError)
                {
                    CrcErrors++;
                }

                buffer.AsSpan(frameLength, filled - frameLength).CopyTo(buffer);
                filled -= frameLength;
                if (responseLength > 0)
                {
                    await _pty.WriteAsync(Frame(unitId, response.AsSpan(0, responseLength), adu), cancellationToken);
                }
            }
        }
    }

    private ReadOnlyMemory<byte> Frame(byte unitId, ReadOnlySpan<byte> pdu, byte[] adu)
    {
        var length = ModbusRtuCodec.Encode(unitId, pdu, adu);
        if (Interlocked.Exchange(ref _corruptNext, 0) == 1)
        {
            adu[length - 1] ^= 0xFF;
        }

        if (Interlocked.Exchange(ref _truncateNext, 0) == 1)
        {
            length /= 2;
        }

        return adu.AsMemory(0, length);
    }
}
