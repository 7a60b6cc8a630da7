using System.IO.Ports;
using System.Runtime.InteropServices;

namespace EdgeGateway.Drivers.Serial;

/// <summary>
/// A serial device (a USB-serial adapter, a pty) opened and configured with termios(3) directly and read
/// without busy polling: a read that finds nothing waits in poll(2) on a dedicated thread, waking only for
/// data, a hang-up, or every <see cref="PollSliceMs"/> to notice cancellation. System.IO.Ports on Linux
/// polls a port that has a read pending every millisecond (dotnet/runtime#2379); a sensor that streams always
/// has one pending, which cost the daemon about 1,000 wake-ups a second per bed.
/// </summary>
internal sealed class SerialTty : IDisposable
{
    private const int PollSliceMs = 100;
    private const short PollIn = 0x001;
    private const int Enoent = 2;
    private const int Eintr = 4;
    private const int Eagain = 11;

    // fcntl.h and termios.h, the same on x86-64 and arm64 Linux.
    private const int ORdwr = 0x2;
    private const int ONoctty = 0x100;
    private const int ONonblock = 0x800;
    private const int OCloexec = 0x80000;
    private const nuint TiocExcl = 0x540C;
    private const int CflagOffset = 8;
    private const int IflagOffset = 0;
    private const uint Inpck = 0x10;
    private const uint Csize = 0x30;
    private const uint Cs7 = 0x20;
    private const uint Cs8 = 0x30;
    private const uint Cstopb = 0x40;
    private const uint Cread = 0x80;
    private const uint Parenb = 0x100;
    private const uint Parodd = 0x200;
    private const uint Clocal = 0x800;
    private const uint Cmspar = 0x40000000;
    private const uint Crtscts = 0x80000000;

    private static readonly Dictionary<int, uint> Speeds = new()
    {
        [1200] = 9,
        [1800] = 10,
        [2400] = 11,
        [4800] = 12,
        [9600] = 13,
        [19200] = 14,
        [38400] = 15,
        [57600] = 0x1001,
        [115200] = 0x1002,
        [230400] = 0x1003,
        [460800] = 0x1004,
        [500000] = 0x1005,
        [576000] = 0x1006,
        [921600] = 0x1007,
    };

    private readonly SafeTtyHandle _handle;
    private readonly string _path;

    private SerialTty(SafeTtyHandle handle, string path)
    {
        _handle = handle;
        _path = path;
    }

    /// <summary>
    /// Opens the device for exclusive use, raw, with the given line settings and no flow control. Throws
    /// <see cref="FileNotFoundException"/> when it does not exist, <see cref="IOException"/> when the OS refuses it.
    /// </summary>
    public static SerialTty Open(string path, int baud, Parity parity, int dataBits, StopBits stopBits)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!Speeds.TryGetValue(baud, out var speed))
        {
            throw new IOException($"{path}: {baud} baud is not a standard rate ({string.Join(", ", Speeds.Keys)})");
        }

        var fd = Libc.Open(path, ORdwr | ONoctty | ONonblock | OCloexec);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            throw errno == Enoent
                ? new FileNotFoundException($"{path} does not exist (adapter unplugged, or a wrong path)", path)
                : new IOException($"{path}: {Marshal.GetPInvokeErrorMessage(errno)}");
        }

        var handle = new SafeTtyHandle(fd);
        try
        {
            Configure(fd, path, speed, parity, dataBits, stopBits);
            return new SerialTty(handle, path);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    /// <summary>Reads what has arrived, waiting for at least one byte; throws <see cref="IOException"/> when the device goes away.</summary>
    public async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var read = Call(fd => (int)Libc.Read(fd, buffer.Span));
            if (read > 0)
            {
                return read;
            }

            if (read == 0)
            {
                throw new IOException($"{_path} was closed (end of stream)");
            }

            var errno = Marshal.GetLastPInvokeError();
            if (errno == Eintr)
            {
                continue;
            }

            if (errno != Eagain)
            {
                throw new IOException($"{_path}: {Marshal.GetPInvokeErrorMessage(errno)}");
            }

            await Task.Factory.StartNew(() => WaitReadable(cancellationToken), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    public void Dispose() => _handle.Dispose();

    /// <summary>Blocks until the device is readable or hung up (the read that follows tells which), or cancellation.</summary>
    private void WaitReadable(CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ready = Call(fd => Libc.Poll(fd, PollIn, PollSliceMs));
            if (ready > 0)
            {
                return;
            }

            var errno = Marshal.GetLastPInvokeError();
            if (ready < 0 && errno != Eintr)
            {
                throw new IOException($"{_path}: poll failed: {Marshal.GetPInvokeErrorMessage(errno)}");
            }
        }
    }

    /// <summary>Runs a call on the descriptor, holding it open meanwhile; a closed port is an <see cref="IOException"/>.</summary>
    private int Call(Func<int, int> call)
    {
        var added = false;
        try
        {
            _handle.DangerousAddRef(ref added);
            return call((int)_handle.DangerousGetHandle());
        }
        catch (ObjectDisposedException e)
        {
            throw new IOException($"{_path} was closed", e);
        }
        finally
        {
            if (added)
            {
                _handle.DangerousRelease();
            }
        }
    }

    private static void Configure(int fd, string path, uint speed, Parity parity, int dataBits, StopBits stopBits)
    {
        if (Libc.Ioctl(fd, TiocExcl) != 0)
        {
            throw new IOException($"{path}: cannot take it for exclusive use: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        Span<byte> termios = stackalloc byte[Libc.TermiosSize];
        if (Libc.TcGetAttr(fd, termios) != 0)
        {
            throw new IOException($"{path} is not a serial device: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }

        Libc.CfMakeRaw(termios);
        var cflag = MemoryMarshal.Read<uint>(termios[CflagOffset..]) & ~(Csize | Cstopb | Parenb | Parodd | Cmspar | Crtscts);
        cflag |= Cread | Clocal | (dataBits == 7 ? Cs7 : Cs8);
        cflag |= stopBits switch
        {
            StopBits.One => 0,
            StopBits.Two => Cstopb,
            _ => throw new IOException($"{path}: {stopBits} stop bits cannot be set on Linux (One or Two)"),
        };
        cflag |= parity switch
        {
            Parity.None => 0,
            Parity.Even => Parenb,
            Parity.Odd => Parenb | Parodd,
            Parity.Mark => Parenb | Parodd | Cmspar,
            _ => Parenb | Cmspar,
        };
        MemoryMarshal.Write(termios[CflagOffset..], in cflag);
        if (parity != Parity.None)
        {
            var iflag = MemoryMarshal.Read<uint>(termios[IflagOffset..]) | Inpck;
            MemoryMarshal.Write(termios[IflagOffset..], in iflag);
        }

        if (Libc.CfSetSpeed(termios, speed) != 0 || Libc.TcSetAttr(fd, 0, termios) != 0)
        {
            throw new IOException($"{path}: cannot set its line settings: {Marshal.GetPInvokeErrorMessage(Marshal.GetLastPInvokeError())}");
        }
    }
}
