using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// Modbus TCP over a socket. Each request gets the next transaction id; an answer carrying another id
/// (a late answer to a request that already timed out) is skipped. A malformed MBAP header drops the
/// connection, since a TCP byte stream cannot be resynchronised (TCP/IP Implementation Guide V1.0b §3.1.3).
/// </summary>
public sealed class ModbusTcpTransport : IModbusTransport
{
    private readonly EndPoint _endPoint;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly byte[] _requestAdu = new byte[ModbusTcpCodec.MaxAduLength];
    private readonly byte[] _receive = new byte[2 * ModbusTcpCodec.MaxAduLength];
    private Socket? _socket;
    private int _filled;
    private ushort _transactionId;

    public ModbusTcpTransport(EndPoint endPoint, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(endPoint);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _endPoint = endPoint;
        _timeProvider = timeProvider;
    }

    /// <summary>Answers with other transaction ids that were skipped since this transport was created.</summary>
    public long StaleResponses { get; private set; }

    /// <summary>Parses <c>host:port</c> (or <c>[v6]:port</c>) into an endpoint; false when it is not one.</summary>
    public static bool TryParseEndPoint(string? value, out EndPoint endPoint)
    {
        endPoint = null!;
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (IPEndPoint.TryParse(value, out var ip) && ip.Port != 0)
        {
            endPoint = ip;
            return true;
        }

        var colon = value.LastIndexOf(':');
        if (colon <= 0 || !int.TryParse(value.AsSpan(colon + 1), out var port) || port is < 1 or > 65535 || value.Contains(' ', StringComparison.Ordinal))
        {
            return false;
        }

        endPoint = new DnsEndPoint(value[..colon], port);
        return true;
    }

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            CloseSocket();
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(_endPoint, cancellationToken);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            _socket = socket;
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
            var socket = _socket ?? throw new IOException($"not connected to {_endPoint}");
            var transactionId = ++_transactionId;
            var length = ModbusTcpCodec.Encode(transactionId, unitId, requestPdu.Span, _requestAdu);
            await socket.SendAsync(_requestAdu.AsMemory(0, length), cancellationToken);
            return await ReadResponseAsync(socket, transactionId, unitId, requestPdu, responsePdu, timeout, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public ValueTask DisposeAsync()
    {
        CloseSocket();
        _gate.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<int> ReadResponseAsync(Socket socket, ushort transactionId, byte unitId, ReadOnlyMemory<byte> requestPdu, Memory<byte> responsePdu, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var function = (ModbusFunction)requestPdu.Span[0];
        var address = BinaryPrimitives.ReadUInt16BigEndian(requestPdu.Span[1..]);
        using var timeoutSource = new CancellationTokenSource(timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
        var receivedForThisRequest = 0;
        while (true)
        {
            var status = ModbusTcpCodec.Decode(_receive.AsSpan(0, _filled), out var header, out var pdu, out var frameLength);
            if (status == ModbusDecodeStatus.Malformed)
            {
                CloseSocket();
                throw new ModbusFrameException(unitId, function, address, ModbusFrameException.Malformed);
            }

            if (status == ModbusDecodeStatus.Frame)
            {
                if (header.TransactionId != transactionId)
                {
                    StaleResponses++;
                    Consume(frameLength);
                    continue;
                }

                if (header.UnitId != unitId)
                {
                    Consume(frameLength);
                    throw new ModbusFrameException(unitId, function, address, ModbusFrameException.UnexpectedUnit);
                }

                pdu.CopyTo(responsePdu.Span);
                var pduLength = pdu.Length;
                Consume(frameLength);
                return pduLength;
            }

            int read;
            try
            {
                read = await socket.ReceiveAsync(_receive.AsMemory(_filled), linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new ModbusTimeoutException(unitId, function, address, timeout, receivedForThisRequest);
            }

            if (read == 0)
            {
                CloseSocket();
                throw new IOException($"{_endPoint} closed the connection");
            }

            _filled += read;
            receivedForThisRequest += read;
        }
    }

    private void Consume(int count)
    {
        _receive.AsSpan(count, _filled - count).CopyTo(_receive);
        _filled -= count;
    }

    private void CloseSocket()
    {
        _socket?.Dispose();
        _socket = null;
        _filled = 0;
    }
}
