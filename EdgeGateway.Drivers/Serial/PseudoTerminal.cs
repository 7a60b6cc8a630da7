using System.ComponentModel;
using System.Runtime.InteropServices;
using System.Text;

namespace EdgeGateway.Drivers.Serial;

/// <summary>
/// A pseudo-terminal pair (openpty(3)): the simulators write device output on the controller side,
/// a driver opens <see cref="DevicePath"/> exactly as it would a USB-serial adapter.
/// Disposing it is the cable being pulled: the driver's port fails and must reconnect.
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    private const short PollIn = 0x001;
    private const int PollTimeoutMs = 50;
    private const int Eintr = 4;
    private const int Eagain = 11;
    private const int SetDescriptorFlags = 2;
    private const int CloseOnExec = 1;

    private readonly int _controller;
    private readonly int _device;
    private int _disposed;

    private PseudoTerminal(int controller, int device, string devicePath)
    {
        _controller = controller;
        _device = device;
        DevicePath = devicePath;
    }

    /// <summary>The path a driver opens, e.g. <c>/dev/pts/7</c>.</summary>
    public string DevicePath { get; }

    /// <summary>
    /// The stable symlink to <see cref="DevicePath"/> given to <see cref="Open(string)"/>, or null. Like a udev
    /// <c>/dev/serial/by-id/…</c> link, it survives unplug and replug, so a driver configured with it reconnects
    /// to the new pty.
    /// </summary>
    public string? LinkPath { get; private set; }

    /// <summary>Opens a new pair in raw mode (no echo, no line discipline), so bytes pass unchanged.</summary>
    public static PseudoTerminal Open()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("Pseudo-terminals are opened with Linux openpty(3).");
        }

        if (Libc.OpenPty(out var controller, out var device, 0, 0, 0) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "openpty failed");
        }

        try
        {
            // openpty(3) makes inheritable descriptors: a process started meanwhile (a daemon under test, a CLI run)
            // would keep the controller open, and disposing this pair would no longer hang up the line.
            SetCloseOnExec(controller);
            SetCloseOnExec(device);
            MakeRaw(device);
            return new PseudoTerminal(controller, device, DeviceName(device));
        }
        catch
        {
            _ = Libc.Close(controller);
            _ = Libc.Close(device);
            throw;
        }
    }

    /// <summary>
    /// Opens a new pair and points the symlink <paramref name="linkPath"/> at it, atomically replacing a link left
    /// by an earlier (unplugged) pair: the "same port name after replugging the adapter".
    /// </summary>
    public static PseudoTerminal Open(string linkPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(linkPath);
        var terminal = Open();
        try
        {
            var temporary = $"{linkPath}.{Environment.ProcessId}.{Guid.NewGuid():N}";
            File.CreateSymbolicLink(temporary, terminal.DevicePath);
            File.Move(temporary, linkPath, overwrite: true);
            terminal.LinkPath = linkPath;
            return terminal;
        }
        catch
        {
            terminal.Dispose();
            throw;
        }
    }

    /// <summary>Writes all of <paramref name="data"/> to the controller side (what the device "sends").</summary>
    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var remaining = data.Span;
        while (!remaining.IsEmpty)
        {
            var written = Libc.Write(_controller, remaining);
            if (written < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno is Eintr or Eagain)
                {
                    continue;
                }

                throw new IOException($"write to pseudo-terminal failed: errno {errno}");
            }

            remaining = remaining[(int)written..];
        }

        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Reads what the driver wrote to the device side (e.g. a Modbus request). Returns 0 once disposed.
    /// Polls in short slices so cancellation is honoured promptly.
    /// </summary>
    public Task<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        Task.Run(() => ReadBlocking(buffer, cancellationToken), cancellationToken);

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _ = Libc.Close(_controller);
        _ = Libc.Close(_device);
        RemoveLinkIfOurs();
    }

    /// <summary>The link goes with the cable, unless a newer pair has already taken it over.</summary>
    private void RemoveLinkIfOurs()
    {
        if (LinkPath is null)
        {
            return;
        }

        try
        {
            if (new FileInfo(LinkPath).LinkTarget == DevicePath)
            {
                File.Delete(LinkPath);
            }
        }
        catch (IOException)
        {
            // Already gone or replaced between the check and the delete: nothing of ours to remove.
        }
    }

    private int ReadBlocking(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Volatile.Read(ref _disposed) != 0)
            {
                return 0;
            }

            var ready = Libc.Poll(_controller, PollIn, PollTimeoutMs);
            if (ready == 0)
            {
                continue;
            }

            if (ready < 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == Eintr)
                {
                    continue;
                }

                throw new IOException($"poll on pseudo-terminal failed: errno {errno}");
            }

            var read = Libc.Read(_controller, buffer.Span);
            if (read >= 0)
            {
                return (int)read;
            }

            var readErrno = Marshal.GetLastPInvokeError();
            if (readErrno is Eintr or Eagain)
            {
                continue;
            }

            return 0;
        }
    }

    private static void SetCloseOnExec(int fd)
    {
        if (Libc.Fcntl(fd, SetDescriptorFlags, CloseOnExec) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "fcntl(F_SETFD, FD_CLOEXEC) failed");
        }
    }

    private static void MakeRaw(int fd)
    {
        Span<byte> termios = stackalloc byte[Libc.TermiosSize];
        if (Libc.TcGetAttr(fd, termios) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "tcgetattr failed");
        }

        Libc.CfMakeRaw(termios);
        if (Libc.TcSetAttr(fd, 0, termios) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "tcsetattr failed");
        }
    }

    private static string DeviceName(int device)
    {
        Span<byte> name = stackalloc byte[128];
        var error = Libc.TtyNameR(device, name);
        if (error != 0)
        {
            throw new Win32Exception(error, "ttyname_r failed");
        }

        var length = name.IndexOf((byte)0);
        return Encoding.ASCII.GetString(name[..length]);
    }
}
