using Microsoft.Win32.SafeHandles;

namespace EdgeGateway.Drivers.Serial;

/// <summary>
/// A tty's file descriptor. Reference-counted like every SafeHandle: a descriptor closed while another thread
/// is in poll(2) on it is released only when that call returns, so its number is never reused under a read.
/// </summary>
internal sealed class SafeTtyHandle : SafeHandleMinusOneIsInvalid
{
    public SafeTtyHandle(int fd)
        : base(ownsHandle: true) => SetHandle(fd);

    protected override bool ReleaseHandle() => Libc.Close((int)handle) == 0;
}
