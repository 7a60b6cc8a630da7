namespace EdgeGateway.Configuration;

/// <summary>The device families of design.md §1.</summary>
public enum DeviceType
{
    /// <summary>Not set: a configuration error.</summary>
    Unspecified,

    Pressure,
    Mattress,
    CallButton,
    Rfid,
}
