using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>
/// Serves a <see cref="ModbusSlave"/> as Modbus TCP on loopback. Port 0 picks a free port; <see cref="Port"/>
/// is the one bound. Each connection is served in order; a malformed MBAP header closes that connection.
/// </summary>
public sealed class ModbusTcpSlaveSimulator : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly ModbusSlave _slave;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly List<Task> _connections = [];
    private readonly List<Socket> _sockets = [];
    private readonly Lock _lock = new();

    private ModbusTcpSlaveSimulator(TcpListener listener, ModbusSlave slave)
    {
        _listener = listener;
        _slave = slave;
        _accepting = Task.Run(() => AcceptAsync(_stop.Token));
    }

    /// <summary>The loopback port the simulator listens on.</summary>
    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Where a master connects: <c>127.0.0.1:port</c>.</summary>
    public IPEndPoint EndPoint => new(IPAddress.Loopback, Port);

    public static ModbusTcpSlaveSimulator Start(ModbusSlave slave, int port = 0)
    {
        ArgumentNullException.ThrowIfNull(slave);
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Start();
        return new ModbusTcpSlaveSimulator(listener, slave);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        Task[] connections;
        lock (_lock)
        {
            connections = [_accepting, .. _connections];

            // A connection accepted as stopping began may never have been served: close it here, or its peer hangs.
            foreach (var socket in _sockets)
            {
                socket.Dispose();
            }
        }

        try
        {
            await Task.WhenAll(connections);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
            // Stopping tears down the listener and every connection.
        }

        _listener.Dispose();
        _stop.Dispose();
    }

    private async Task AcceptAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var socket = await _listener.AcceptSocketAsync(cancellationToken);
            lock (_lock)
            {
                _sockets.Add(socket);
                _connections.Add(Task.Run(() => ServeAsync(socket, cancellationToken), CancellationToken.None));
            }
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken cancellationToken)
    {
        using var connection = socket;
        var buffer = new byte[2 * ModbusTcpCodec.MaxAduLength];
        var response = new byte[ModbusPdu.MaxLength];
        var adu = new byte[ModbusTcpCodec.MaxAduLength];
        var filled = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            int read;
            try
            {
                read = await connection.ReceiveAsync(buffer.AsMemory(filled), cancellationToken);
            }
            catch (SocketException)
            {
                return;
            }

            if (read == 0)
            {
                return;
            }

            filled += read;
            while (true)
            {
                var status = ModbusTcpCodec.Decode(buffer.AsSpan(0, filled), out var header, out var pdu, out var frameLength);
                if (status == ModbusDecodeStatus.Malformed)
                {
                    return;
                }

                if (status != ModbusDecodeStatus.Frame)
                {
                    break;
                }

                var responseLength = _slave.Handle(header.UnitId, pdu, response);
                buffer.AsSpan(frameLength, filled - frameLength).CopyTo(buffer);
                filled -= frameLength;
                if (responseLength > 0)
                {
                    var length = ModbusTcpCodec.Encode(header.TransactionId, header.UnitId, response.AsSpan(0, responseLength), adu);
                    await connection.SendAsync(adu.AsMemory(0, length), cancellationToken);
                }
            }
        }
    }
}
