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

    /// <summary>The index of the point reported as <see cref="PressureReading"/>, or -1 (not a pressure device).</summary>
    public int PressureIndex { get; } = device.Type == ModbusDevice.PressureType ? device.Options.Points.FindIndex(p => p.Name == ModbusDevice.PressurePoint) : -1;

    /// <summary>Each point's telemetry field (<see cref="ModbusPointOptions.FieldName"/>), worked out once rather than per poll.</summary>
    public string[] FieldNames { get; } = [.. device.Options.Points.Select(p => p.FieldName)];

    /// <summary>When the next poll is due, on the scale of <see cref="ModbusPollClock.Now"/>.</summary>
    public TimeSpan NextDue { get; set; }

    public DeviceState State { get; set; } = DeviceState.Connecting;

    public int ConsecutiveFailures { get; set; }

    /// <summary>The last rejection reason logged as a warning; repeats of it are logged at debug level.</summary>
    public string? LastRejection { get; set; }

    /// <summary>
    /// After a poll: the next one is due at the first multiple of the interval (on <see cref="ModbusPollClock.Now"/>)
    /// after the instant this one was due. On a common grid, devices with the same interval, on one line or several,
    /// are read in one wake-up of the daemon rather than each on its own, and both ends of a pipe are sampled
    /// together. A poll that ended after the device's next instant (the line was busy, a request timed out) is
    /// followed by one poll at once, never by several to catch up, and the poll after that is back on the grid.
    /// </summary>
    public void ScheduleNext(TimeSpan now)
    {
        var next = TimeSpan.FromTicks(((NextDue.Ticks / Interval.Ticks) + 1) * Interval.Ticks);
        NextDue = next > now ? next : now;
    }
}
