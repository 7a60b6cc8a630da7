namespace EdgeGateway.Drivers;

/// <summary>The connection state a driver reports for its device.</summary>
public enum DeviceState
{
    /// <summary>Configured, not yet connected.</summary>
    Connecting,

    /// <summary>Transport open and frames arriving.</summary>
    Online,

    /// <summary>Transport lost (port vanished, socket dropped, no answer); the driver is reconnecting.</summary>
    Offline,
}
