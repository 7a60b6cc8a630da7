using System.Net;
using System.Net.Sockets;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Simulation;

namespace EdgeGateway.Tests.Modbus;

public sealed class ModbusProbeTests
{
    [Fact]
    public async Task Reads_raw_registers_and_decodes_them_as_the_requested_type()
    {
        var slave = new ModbusSlave();
        var bank = slave.AddUnit(9);
        bank.SetValue(input: true, 30, 1.5, RegisterType.Float32, WordOrder.CDAB);
        bank.SetValue(input: true, 32, -2.25, RegisterType.Float32, WordOrder.CDAB);
        await using var simulator = ModbusTcpSlaveSimulator.Start(slave);

        var result = await ModbusProbe.ReadAsync(
            new ModbusProbeRequest { Tcp = $"127.0.0.1:{simulator.Port}", UnitId = 9, Function = ModbusFunction.ReadInputRegisters, Address = 30, Count = 4, Type = RegisterType.Float32, WordOrder = WordOrder.CDAB },
            TimeProvider.System,
            TestContext.Current.CancellationToken);

        Assert.Equal(ModbusProbeOutcome.Ok, result.Outcome);
        Assert.Equal([0x0000, 0x3FC0, 0x0000, 0xC010], result.Registers);
        Assert.Equal([1.5, -2.25], result.Values);
        Assert.Null(result.Error);
    }

    [Fact]
    public async Task Reports_an_exception_response_by_name()
    {
        var slave = new ModbusSlave();
        slave.AddUnit(1, new ModbusRegisterBank(holdingCount: 10));
        await using var simulator = ModbusTcpSlaveSimulator.Start(slave);

        var result = await ModbusProbe.ReadAsync(new ModbusProbeRequest { Tcp = $"127.0.0.1:{simulator.Port}", Address = 10 }, TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.Equal(ModbusProbeOutcome.Exception, result.Outcome);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, result.ExceptionCode);
        Assert.Equal("unit 1 answered ReadHoldingRegisters at address 10 with exception 02 IllegalDataAddress", result.Error);
    }

    [Fact]
    public async Task Reports_a_timeout_from_a_silent_unit_over_rtu()
    {
        var slave = new ModbusSlave();
        slave.AddUnit(1);
        await using var simulator = ModbusRtuSlaveSimulator.Start(slave);

        var result = await ModbusProbe.ReadAsync(
            new ModbusProbeRequest { Rtu = new ModbusRtuOptions { Port = simulator.DevicePath, Baud = 9600, Parity = SerialParity.None }, UnitId = 2, Timeout = TimeSpan.FromMilliseconds(50) },
            TimeProvider.System,
            TestContext.Current.CancellationToken);

        Assert.Equal(ModbusProbeOutcome.Timeout, result.Outcome);
        Assert.Equal("unit 2 did not answer ReadHoldingRegisters at address 0 within 50 ms", result.Error);
        Assert.Empty(result.Registers);
    }

    [Fact]
    public async Task Reports_a_refused_connection_as_a_transport_error()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var result = await ModbusProbe.ReadAsync(new ModbusProbeRequest { Tcp = $"127.0.0.1:{port}" }, TimeProvider.System, TestContext.Current.CancellationToken);

        Assert.Equal(ModbusProbeOutcome.TransportError, result.Outcome);
        Assert.NotNull(result.Error);
    }

    [Fact]
    public async Task Rejects_a_request_naming_both_lines() =>
        await Assert.ThrowsAsync<ArgumentException>(() => ModbusProbe.ReadAsync(
            new ModbusProbeRequest { Tcp = "127.0.0.1:502", Rtu = new ModbusRtuOptions { Port = "/dev/ttyS0" } },
            TimeProvider.System,
            TestContext.Current.CancellationToken));
}
