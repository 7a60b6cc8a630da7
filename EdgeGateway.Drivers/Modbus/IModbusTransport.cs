namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// One Modbus line: an RS-485 port (RTU) or a TCP connection. It carries exactly one request at a time,
/// so several unit ids on one line are served in turn without collisions.
/// </summary>
public interface IModbusTransport : IAsyncDisposable
{
    /// <summary>Opens the port or connects; throws <see cref="IOException"/> or a socket error when it cannot.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Sends <paramref name="requestPdu"/> to <paramref name="unitId"/> and copies the response PDU into
    /// <paramref name="responsePdu"/>, returning its length. Throws <see cref="ModbusTimeoutException"/> when no
    /// complete answer came within <paramref name="timeout"/>, <see cref="ModbusFrameException"/> for a CRC error or
    /// a malformed answer, and <see cref="IOException"/> (or a socket error) when the line itself failed.
    /// </summary>
    Task<int> ExchangeAsync(byte unitId, ReadOnlyMemory<byte> requestPdu, Memory<byte> responsePdu, TimeSpan timeout, CancellationToken cancellationToken);
}
