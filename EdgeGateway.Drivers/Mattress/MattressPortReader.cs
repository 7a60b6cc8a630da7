using System.IO.Ports;
using EdgeGateway.Drivers.Serial;

namespace EdgeGateway.Drivers.Mattress;

/// <summary>
/// An open serial port and its frame decoder: hands out one decode result (frame or rejection) at a time.
/// Shared by the driver and the diag tool. The buffer is allocated once per port and compacted in place.
/// </summary>
internal sealed class MattressPortReader : IDisposable
{
    private const int BufferSize = 4096;

    private readonly SerialTty _port;
    private readonly MattressFrameDecoder _decoder = new();
    private readonly byte[] _buffer = new byte[BufferSize];
    private int _length;

    private MattressPortReader(SerialTty port) => _port = port;

    /// <summary>Opens the port; throws <see cref="FileNotFoundException"/> when it is missing, <see cref="IOException"/> when the OS refuses it.</summary>
    public static MattressPortReader Open(string portName, int baud, Parity parity, int dataBits, StopBits stopBits) =>
        new(SerialTty.Open(portName, baud, parity, dataBits, stopBits));

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

            _length += await _port.ReadAsync(_buffer.AsMemory(_length), cancellationToken);
        }
    }

    public void Dispose() => _port.Dispose();
}
