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

    /// <summary>
    /// Any other Modbus device (a medication fridge's thermometer, an oxygen-line gauge, an energy meter): its points
    /// are forwarded as they are and can carry threshold alarms (alarms.thresholds), no pipe-burst profile.
    /// </summary>
    Modbus,
}
