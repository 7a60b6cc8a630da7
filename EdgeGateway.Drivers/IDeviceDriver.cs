namespace EdgeGateway.Drivers;

/// <summary>
/// One driver per configured device (or per shared line, e.g. one RS-485 bus). It owns its transport:
/// connect, read, decode, reconnect with backoff. It never evaluates alarms and never touches the outbox.
/// </summary>
public interface IDeviceDriver
{
    /// <summary>The device ids this driver reports for (one, or several on a shared bus).</summary>
    IReadOnlyList<string> DeviceIds { get; }

    /// <summary>Runs until cancelled; transport failures are handled inside (reconnect), never thrown.</summary>
    Task RunAsync(IDeviceEventWriter events, CancellationToken cancellationToken);
}
