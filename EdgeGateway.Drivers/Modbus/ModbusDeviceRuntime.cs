namespace EdgeGateway.Drivers.Modbus;

/// <summary>What a line driver keeps per device between polls.</summary>
internal sealed class ModbusDeviceRuntime(ModbusDevice device)
{
    public ModbusDevice Device { get; } = device;

    public string Id => Device.Id;

    public byte UnitId => (byte)Device.Options.UnitId;

    public TimeSpan Interval { get; } = TimeSpan.FromMilliseconds(device.Options.PollIntervalMs);

    public TimeSpan Timeout { get; } = TimeSpan.FromMilliseconds(device.Options.TimeoutMs);

    public ModbusPollPlan Plan { get; } = ModbusPollPlan.For(device.Options.Points);

    public ushort[] Registers { get; } = new ushort[ModbusPdu.MaxReadQuantity];

    public double[] Values { get; } = new double[device.Options.Points.Count];

    public TimeSpan NextDue { get; set; }

    public DeviceState State { get; set; } = DeviceState.Connecting;

    public int ConsecutiveFailures { get; set; }

    /// <summary>The last rejection reason logged as a warning; repeats of it are logged at debug level.</summary>
    public string? LastRejection { get; set; }
}
