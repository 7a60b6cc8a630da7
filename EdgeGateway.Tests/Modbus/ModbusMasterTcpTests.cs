using System.Net.Sockets;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Simulation;

namespace EdgeGateway.Tests.Modbus;

public sealed class ModbusMasterTcpTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Reads_and_writes_registers_over_loopback_tcp_against_the_simulator()
    {
        var ct = TestContext.Current.CancellationToken;
        var slave = new ModbusSlave();
        var bank = slave.AddUnit(1);
        bank.SetValue(input: false, 100, 123.456, RegisterType.Float32, WordOrder.ABCD);
        bank.SetInput(8, 0x000A);
        await using var simulator = ModbusTcpSlaveSimulator.Start(slave);
        await using var transport = new ModbusTcpTransport(simulator.EndPoint, TimeProvider.System);
        await transport.ConnectAsync(ct);
        var master = new ModbusMaster(transport);

        var holding = await master.ReadHoldingRegistersAsync(1, 100, 2, Timeout, ct);
        var input = await master.ReadInputRegistersAsync(1, 8, 1, Timeout, ct);
        await master.WriteSingleRegisterAsync(1, 5, 0xBEEF, Timeout, ct);
        await master.WriteMultipleRegistersAsync(1, 6, new ushort[] { 1, 2, 3 }, Timeout, ct);

        Assert.Equal([0x42F6, 0xE979], holding);
        Assert.Equal((float)123.456, RegisterCodec.Decode(holding, RegisterType.Float32, WordOrder.ABCD));
        Assert.Equal([0x000A], input);
        Assert.Equal([0xBEEF, 1, 2, 3], bank.GetHolding(5, 4));
    }

    [Fact]
    public async Task An_address_outside_the_bank_throws_a_named_IllegalDataAddress_exception()
    {
        var ct = TestContext.Current.CancellationToken;
        var slave = new ModbusSlave();
        slave.AddUnit(3, new ModbusRegisterBank(holdingCount: 10));
        await using var simulator = ModbusTcpSlaveSimulator.Start(slave);
        await using var transport = new ModbusTcpTransport(simulator.EndPoint, TimeProvider.System);
        await transport.ConnectAsync(ct);

        var error = await Assert.ThrowsAsync<ModbusException>(() => new ModbusMaster(transport).ReadHoldingRegistersAsync(3, 9, 2, Timeout, ct));

        Assert.Equal((ModbusExceptionCode.IllegalDataAddress, (byte)3, ModbusFunction.ReadHoldingRegisters, (ushort)9), (error.Code, error.UnitId, error.Function, error.Address));
        Assert.Equal(1, slave.Exceptions);
    }

    [Fact]
    public async Task A_silent_unit_times_out_naming_unit_function_and_address_and_a_late_answer_is_skipped_by_transaction_id()
    {
        var ct = TestContext.Current.CancellationToken;
        var slave = new ModbusSlave();
        slave.AddUnit(7).SetHolding(0, 42);
        await using var simulator = ModbusTcpSlaveSimulator.Start(slave);
        await using var transport = new ModbusTcpTransport(simulator.EndPoint, TimeProvider.System);
        await transport.ConnectAsync(ct);
        var master = new ModbusMaster(transport);
        slave.SetResponding(7, false);

        var timeout = await Assert.ThrowsAsync<ModbusTimeoutException>(() => master.ReadHoldingRegistersAsync(7, 0, 1, TimeSpan.FromMilliseconds(50), ct));
        slave.SetResponding(7, true);
        var recovered = await master.ReadHoldingRegistersAsync(7, 0, 1, Timeout, ct);

        Assert.Equal((byte)7, timeout.UnitId);
        Assert.Equal(ModbusFunction.ReadHoldingRegisters, timeout.Function);
        Assert.Equal("unit 7 did not answer ReadHoldingRegisters at address 0 within 50 ms", timeout.Message);
        Assert.False(timeout.IsTruncated);
        Assert.Equal([42], recovered);
    }

    [Fact]
    public async Task A_closed_connection_is_an_io_error_for_the_driver_to_reconnect()
    {
        var ct = TestContext.Current.CancellationToken;
        var slave = new ModbusSlave();
        slave.AddUnit(1);
        var simulator = ModbusTcpSlaveSimulator.Start(slave);
        await using var transport = new ModbusTcpTransport(simulator.EndPoint, TimeProvider.System);
        await transport.ConnectAsync(ct);
        await simulator.DisposeAsync();

        var error = await Record.ExceptionAsync(() => new ModbusMaster(transport).ReadHoldingRegistersAsync(1, 0, 1, Timeout, ct));

        Assert.True(error is IOException or SocketException, $"expected a transport error, got {error}");
    }

    [Theory]
    [InlineData("127.0.0.1:502", true)]
    [InlineData("localhost:1502", true)]
    [InlineData("[::1]:502", true)]
    [InlineData("localhost", false)]
    [InlineData("host:0", false)]
    [InlineData("host:70000", false)]
    [InlineData("", false)]
    public void Parses_host_and_port(string value, bool valid) =>
        Assert.Equal(valid, ModbusTcpTransport.TryParseEndPoint(value, out _));
}
