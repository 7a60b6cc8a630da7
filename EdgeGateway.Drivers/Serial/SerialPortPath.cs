namespace EdgeGateway.Drivers.Serial;

/// <summary>
/// Which device node a configured serial port is. udev gives one adapter several names (<c>/dev/ttyUSB0</c>,
/// <c>/dev/serial/by-id/usb-FTDI_…-if00-port0</c>, <c>/dev/serial/by-path/…</c>), all symbolic links to the
/// same node; two devices configured on two of those names would read the same tty.
/// </summary>
public static class SerialPortPath
{
    /// <summary>
    /// The node the path finally links to, as an absolute path; the path itself (made absolute) when it is not a
    /// link or does not exist yet (an adapter unplugged while the configuration is checked).
    /// </summary>
    public static string Canonical(string port)
    {
        ArgumentException.ThrowIfNullOrEmpty(port);
        try
        {
            return File.ResolveLinkTarget(port, returnFinalTarget: true)?.FullName ?? Path.GetFullPath(port);
        }
        catch (IOException)
        {
            // A dangling link or a link loop: not a port that two devices can both open.
            return Path.GetFullPath(port);
        }
    }
}
