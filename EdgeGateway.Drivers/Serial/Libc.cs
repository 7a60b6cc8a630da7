using System.Runtime.InteropServices;

namespace EdgeGateway.Drivers.Serial;

/// <summary>The few glibc calls a pseudo-terminal and a serial device need (openpty lives in libc itself since glibc 2.34).</summary>
internal static partial class Libc
{
    private const string Library = "libc.so.6";

    /// <summary>sizeof(struct termios) on Linux glibc is 60; the buffer is rounded up for safety.</summary>
    internal const int TermiosSize = 64;

    [LibraryImport(Library, EntryPoint = "openpty", SetLastError = true)]
    internal static partial int OpenPty(out int controller, out int device, nint name, nint termios, nint winsize);

    [LibraryImport(Library, EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Open(string path, int flags);

    [LibraryImport(Library, EntryPoint = "ioctl", SetLastError = true)]
    internal static partial int Ioctl(int fd, nuint request);

    [LibraryImport(Library, EntryPoint = "cfsetispeed", SetLastError = true)]
    private static unsafe partial int CfSetISpeed(byte* termios, uint speed);

    [LibraryImport(Library, EntryPoint = "cfsetospeed", SetLastError = true)]
    private static unsafe partial int CfSetOSpeed(byte* termios, uint speed);

    [LibraryImport(Library, EntryPoint = "close", SetLastError = true)]
    internal static partial int Close(int fd);

    /// <summary>fcntl(2) with one int argument (F_GETFD, F_SETFD); ints pass the same way to variadics on Linux x64 and arm64.</summary>
    [LibraryImport(Library, EntryPoint = "fcntl", SetLastError = true)]
    internal static partial int Fcntl(int fd, int command, int argument);

    [LibraryImport(Library, EntryPoint = "ttyname_r")]
    private static unsafe partial int TtyNameR(int fd, byte* buffer, nuint length);

    [LibraryImport(Library, EntryPoint = "read", SetLastError = true)]
    private static unsafe partial nint Read(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "write", SetLastError = true)]
    private static unsafe partial nint Write(int fd, byte* buffer, nuint count);

    [LibraryImport(Library, EntryPoint = "poll", SetLastError = true)]
    private static unsafe partial int Poll(PollFd* fds, nuint count, int timeoutMs);

    [LibraryImport(Library, EntryPoint = "tcgetattr", SetLastError = true)]
    private static unsafe partial int TcGetAttr(int fd, byte* termios);

    [LibraryImport(Library, EntryPoint = "tcsetattr", SetLastError = true)]
    private static unsafe partial int TcSetAttr(int fd, int optionalActions, byte* termios);

    [LibraryImport(Library, EntryPoint = "cfmakeraw")]
    private static unsafe partial void CfMakeRaw(byte* termios);

    internal static unsafe int TtyNameR(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            return TtyNameR(fd, p, (nuint)buffer.Length);
        }
    }

    internal static unsafe nint Read(int fd, Span<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            return Read(fd, p, (nuint)buffer.Length);
        }
    }

    internal static unsafe nint Write(int fd, ReadOnlySpan<byte> buffer)
    {
        fixed (byte* p = buffer)
        {
            return Write(fd, p, (nuint)buffer.Length);
        }
    }

    internal static unsafe int Poll(int fd, short events, int timeoutMs)
    {
        var pollFd = new PollFd { Fd = fd, Events = events };
        return Poll(&pollFd, 1, timeoutMs);
    }

    internal static unsafe int TcGetAttr(int fd, Span<byte> termios)
    {
        fixed (byte* p = termios)
        {
            return TcGetAttr(fd, p);
        }
    }

    internal static unsafe int TcSetAttr(int fd, int optionalActions, Span<byte> termios)
    {
        fixed (byte* p = termios)
        {
            return TcSetAttr(fd, optionalActions, p);
        }
    }

    /// <summary>Sets both directions' speed (a B… constant of termios.h).</summary>
    internal static unsafe int CfSetSpeed(Span<byte> termios, uint speed)
    {
        fixed (byte* p = termios)
        {
            return CfSetISpeed(p, speed) | CfSetOSpeed(p, speed);
        }
    }

    internal static unsafe void CfMakeRaw(Span<byte> termios)
    {
        fixed (byte* p = termios)
        {
            CfMakeRaw(p);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}
