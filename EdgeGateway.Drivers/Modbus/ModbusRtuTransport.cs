using System.Buffers.Binary;
using System.IO.Ports;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// Modbus RTU over a serial port (System.IO.Ports). One request in flight per port; before each request
/// the line is kept silent for t3.5 after the last byte seen (Serial Line V1.02 §2.5.1.1) and stale input
/// (a late answer to a timed-out request) is discarded.
/// </summary>
public sealed class ModbusRtuTransport : IModbusTransport
{
    private readonly ModbusRtuOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _requestAdu = new byte[ModbusRtuCodec.MaxAduLength];
    private readonly byte[] _responseAdu = new byte[ModbusRtuCodec.MaxAduLength];
    private SerialPort? _port;
    private long _lastActivity;

    public ModbusRtuTransport(ModbusRtuOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _timeProvider = timeProvider;
    }

    /// <summary>The silent interval this line keeps between frames.</summary>
    public TimeSpan SilentInterval => _options.SilentInterval;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            ClosePort();
            var port = new SerialPort(_options.Port, _options.Baud, ToParity(_options.Parity), _options.DataBits, _options.StopBits == 2 ? StopBits.Two : StopBits.One);
            try
            {
                port.Open();
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or ArgumentException or InvalidOperationException)
            {
                port.Dispose();
                throw new IOException($"cannot open serial port {_options.Port}: {ex.Message}", ex);
            }

            _port = port;
            _lastActivity = _timeProvider.GetTimestamp();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<int> ExchangeAsync(byte unitId, ReadOnlyMemory<byte> requestPdu, Memory<byte> responsePdu, TimeSpan timeout, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var port = _port ?? throw new IOException($"serial port {_options.Port} is not open");
            await KeepSilentAsync(port, unitId, requestPdu, timeout, cancellationToken);

            var requestLength = ModbusRtuCodec.Encode(unitId, requestPdu.Span, _requestAdu);
            var stream = port.BaseStream;
            await stream.WriteAsync(_requestAdu.AsMemory(0, requestLength), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            _lastActivity = _timeProvider.GetTimestamp();

            return await ReadResponseAsync(stream, unitId, requestPdu, responsePdu, timeout, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        ClosePort();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<int> ReadResponseAsync(Stream stream, byte unitId, ReadOnlyMemory<byte> requestPdu, Memory<byte> responsePdu, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var function = (ModbusFunction)requestPdu.Span[0];
        var address = BinaryPrimitives.ReadUInt16BigEndian(requestPdu.Span[1..]);
        using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var filled = 0;
        while (true)
        {
            int read;
            try
            {
                read = await stream.ReadAsync(_responseAdu.AsMemory(filled), linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ModbusTimeoutException(unitId, function, address, timeout, filled);
            }

            if (read == 0)
            {
                throw new IOException($"serial port {_options.Port} closed");
            }

            filled += read;
            _lastActivity = _timeProvider.GetTimestamp();
            switch (ModbusRtuCodec.DecodeResponse(_responseAdu.AsSpan(0, filled), out var respondent, out var pdu, out _))
            {
                case ModbusDecodeStatus.NeedMoreData:
                    continue;
                case ModbusDecodeStatus.CrcError:
                    throw new ModbusFrameException(unitId, function, address, ModbusFrameException.Crc);
                case ModbusDecodeStatus.Malformed:
                    throw new ModbusFrameException(unitId, function, address, ModbusFrameException.Malformed);
                default:
                    if (respondent != unitId)
                    {
                        throw new ModbusFrameException(unitId, function, address, ModbusFrameException.UnexpectedUnit);
                    }

                    pdu.CopyTo(responsePdu.Span);
                    return pdu.Length;
            }
        }
    }

    // Serial Line V1.02 §2.5.1.1: a frame starts only after t3.5 of silence. The tail of a late answer to a
    // timed-out request may still be arriving; it is discarded until the line has been quiet for t3.5.
    private async Task KeepSilentAsync(SerialPort port, byte unitId, ReadOnlyMemory<byte> requestPdu, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        while (true)
        {
            var remaining = _options.SilentInterval - _timeProvider.GetElapsedTime(_lastActivity);
            if (remaining > TimeSpan.Zero)
            {
                await Task.Delay(remaining, _timeProvider, cancellationToken);
            }

            if (port.BytesToRead == 0)
            {
                return;
            }

            port.DiscardInBuffer();
            _lastActivity = _timeProvider.GetTimestamp();
            if (_timeProvider.GetElapsedTime(started) > timeout)
            {
                throw new ModbusFrameException(unitId, (ModbusFunction)requestPdu.Span[0], BinaryPrimitives.ReadUInt16BigEndian(requestPdu.Span[1..]), ModbusFrameException.LineBusy);
            }
        }
    }

    private void ClosePort()
    {
        _port?.Dispose();
        _port = null;
    }

    private static Parity ToParity(SerialParity parity) => parity switch
    {
        SerialParity.Even => Parity.Even,
        SerialParity.Odd => Parity.Odd,
        _ => Parity.None,
    };
}
