using System.IO.Ports;

namespace EdgeGateway.Drivers.Mattress;

/// <summary>
/// An open serial port and its frame decoder: hands out one decode result (frame or rejection) at a time.
/// Shared by the driver and the diag tool. The buffer is allocated once per port and compacted in place.
/// </summary>
internal sealed class MattressPortReader : IDisposable
{
    private const int BufferSize = 4096;

    private readonly SerialPort _port;
    private readonly MattressFrameDecoder _decoder = new();
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _length;

    private MattressPortReader(SerialPort port) => _port = port;

    /// <summary>Opens the port; throws <see cref="FileNotFoundException"/> when it is missing, <see cref="IOException"/> when the OS refuses it.</summary>
    public static MattressPortReader Open(string portName, int baud, Parity parity, int dataBits, StopBits stopBits)
    {
        // SerialPort reports a missing device as "access denied"; say what a technician must check instead.
        if (!File.Exists(portName))
        {
            throw new FileNotFoundException($"{portName} does not exist (adapter unplugged, or a wrong path)", portName);
        }

        var port = new SerialPort(portName, baud, parity, dataBits, stopBits) { Handshake = Handshake.None };
        try
        {
            port.Open();
            return new MattressPortReader(port);
        }
        catch (UnauthorizedAccessException exception) when (exception.InnerException is IOException inner)
        {
            port.Dispose();
            throw new IOException($"{portName}: {inner.Message}", exception);
        }
        catch
        {
            port.Dispose();
            throw;
        }
    }

    public static MattressPortReader Open(MattressOptions options) =>
        Open(options.Port, options.Baud, options.Parity, options.DataBits, options.StopBits);

    /// <summary>The next frame or rejection; throws <see cref="IOException"/> when the port goes away.</summary>
    public async ValueTask<MattressDecodeResult> ReadAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = _decoder.Decode(_buffer.AsSpan(0, _length), out var consumed);
            if (consumed > 0)
            {
                _buffer.AsSpan(consumed, _length - consumed).CopyTo(_buffer);
                _length -= consumed;
            }

            if (result.Status != MattressDecodeStatus.NeedMoreData)
            {
                return result;
            }

            var read = await _port.BaseStream.ReadAsync(_buffer.AsMemory(_length), cancellationToken);
            if (read == 0)
            {
                throw new IOException("the port was closed (end of stream)");
            }

            _length += read;
        }
    }

    public void Dispose() => _port.Dispose();
}
