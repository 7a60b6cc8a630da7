using EdgeGateway.Drivers.Serial;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>A configured Modbus device: its id and <c>type</c> from the device entry, and its <c>modbus</c> section.</summary>
public sealed record ModbusDevice(string Id, string Type, ModbusDeviceOptions Options)
{
    /// <summary>The device type whose <c>pressure</c> point becomes a <see cref="PressureReading"/>.</summary>
    public const string PressureType = "pressure";

    /// <summary>The point a pressure device reports as <c>pressureKpa</c>.</summary>
    public const string PressurePoint = "pressure";

    /// <summary>
    /// The line this device is on: <c>rtu:/dev/ttyUSB0</c> (the node its port links to, so two names of one adapter
    /// are one line) or <c>tcp:host:port</c>.
    /// </summary>
    public string LineKey => Options.Rtu is { } rtu ? $"rtu:{SerialPortPath.Canonical(rtu.Port)}" : $"tcp:{Options.Tcp}";
}
