using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Simulation;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// A pressure transmitter (unit 1, float32 kPa at holding register 0) behind a Modbus TCP simulator on loopback,
/// with the faults of the suite: it stops answering, its gateway goes away, and both come back on the same port.
/// </summary>
public sealed class DeviceFaultTransmitter : IAsyncDisposable
{
    private ModbusTcpSlaveSimulator? _server;

    private DeviceFaultTransmitter(ModbusSlave slave, ModbusTcpSlaveSimulator server)
    {
        Slave = slave;
        _server = server;
        Port = server.Port;
    }

    public ModbusSlave Slave { get; }

    public int Port { get; }

    public static DeviceFaultTransmitter Start(double pressureKpa = 350)
    {
        var slave = new ModbusSlave();
        slave.AddUnit(1).SetValue(false, 0, pressureKpa, RegisterType.Float32, WordOrder.ABCD);
        return new DeviceFaultTransmitter(slave, ModbusTcpSlaveSimulator.Start(slave));
    }

    /// <summary>The transmitter stays on the bus but answers nothing (every poll times out), or answers again.</summary>
    public void Answer(bool answering) => Slave.SetResponding(1, answering);

    /// <summary>The Modbus TCP gateway goes away: the listener closes and every connection drops.</summary>
    public async Task StopAsync()
    {
        if (_server is { } server)
        {
            _server = null;
            await server.DisposeAsync();
        }
    }

    /// <summary>The gateway is back on the same port.</summary>
    public void Restart() => _server = ModbusTcpSlaveSimulator.Start(Slave, Port);

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
