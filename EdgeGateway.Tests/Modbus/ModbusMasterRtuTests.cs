using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Simulation;

namespace EdgeGateway.Tests.Modbus;

public sealed class ModbusMasterRtuTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Theory]
    [InlineData(9600, SerialParity.Even, 1, 4011)]
    [InlineData(9600, SerialParity.None, 1, 3646)]
    [InlineData(19200, SerialParity.Even, 1, 2006)]
    [InlineData(2400, SerialParity.None, 2, 16042)]
    [InlineData(38400, SerialParity.Even, 1, 1750)]
    [InlineData(115200, SerialParity.None, 1, 1750)]
    public void Silent_interval_is_three_and_a_half_characters_and_fixed_above_19200_baud(int baud, SerialParity parity, int stopBits, int expectedMicroseconds)
    {
        var options = new ModbusRtuOptions { Port = "/dev/null", Baud = baud, Parity = parity, StopBits = stopBits };

        Assert.Equal(TimeSpan.FromMicroseconds(expectedMicroseconds), options.SilentInterval);
    }

    [Fact]
    public async Task Two_units_on_one_pty_line_are_read_in_turn()
    {
        var ct = TestContext.Current.CancellationToken;
        var slave = new ModbusSlave();
        slave.AddUnit(1).SetValue(input: false, 0, 101.25, RegisterType.Float32, WordOrder.ABCD);
        slave.AddUnit(2).SetValue(input: true, 0, 202.5, RegisterType.Float32, WordOrder.CDAB);
        await using var simulator = ModbusRtuSlaveSimulator.Start(slave);
        await using var transport = new ModbusRtuTransport(new ModbusRtuOptions { Port = simulator.DevicePath, Baud = 19200 }, TimeProvider.System);
        await transport.ConnectAsync(ct);
        var master = new ModbusMaster(transport);

        var results = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            results.Add(RegisterCodec.Decode(await master.ReadHoldingRegistersAsync(1, 0, 2, Timeout, ct), RegisterType.Float32, WordOrder.ABCD));
            results.Add(RegisterCodec.Decode(await master.ReadInputRegistersAsync(2, 0, 2, Timeout, ct), RegisterType.Float32, WordOrder.CDAB));
        }

        Assert.Equal([101.25, 202.5, 101.25, 202.5, 101.25, 202.5], results);
        Assert.Equal(6, slave.Requests);
    }

    [Fact]
    public async Task A_crc_error_is_rejected_with_its_reason_and_the_next_request_succeeds()
    {
        var ct = TestContext.Current.CancellationToken;
        var slave = new ModbusSlave();
        slave.AddUnit(1).SetHolding(0, 7);
        await using var simulator = ModbusRtuSlaveSimulator.Start(slave);
        await using var transport = new ModbusRtuTransport(new ModbusRtuOptions { Port = simulator.DevicePath, Baud = 38400 }, TimeProvider.System);
        await transport.ConnectAsync(ct);
        var master = new ModbusMaster(transport);
        simulator.CorruptNextResponse();

        var error = await Assert.ThrowsAsync<ModbusFrameException>(() => master.ReadHoldingRegistersAsync(1, 0, 1, Timeout, ct));
        var next = await master.ReadHoldingRegistersAsync(1, 0, 1, Timeout, ct);

        Assert.Equal(ModbusFrameException.Crc, error.Reason);
        Assert.Equal([7], next);
    }

    [Fact]
    public async Task A_truncated_answer_times_out_as_truncated_and_the_line_recovers()
    {
        var ct = TestContext.Current.CancellationToken;
        var slave = new ModbusSlave();
        slave.AddUnit(1).SetHolding(0, 1, 2, 3, 4);
        await using var simulator = ModbusRtuSlaveSimulator.Start(slave);
        await using var transport = new ModbusRtuTransport(new ModbusRtuOptions { Port = simulator.DevicePath, Baud = 38400 }, TimeProvider.System);
        await transport.ConnectAsync(ct);
        var master = new ModbusMaster(transport);
        simulator.TruncateNextResponse();

        // Generous: on a loaded machine a half frame arriving after the timeout would spoil the next answer, as on a real bus.
        var error = await Assert.ThrowsAsync<ModbusTimeoutException>(() => master.ReadHoldingRegistersAsync(1, 0, 4, TimeSpan.FromMilliseconds(250), ct));
        var next = await master.ReadHoldingRegistersAsync(1, 0, 4, Timeout, ct);

        Assert.True(error.IsTruncated);
        Assert.Equal(6, error.BytesReceived);
        Assert.Equal([1, 2, 3, 4], next);
    }

    [Fact]
    public async Task A_muted_unit_times_out_while_the_other_unit_on_the_line_still_answers()
    {
        var ct = TestContext.Current.CancellationToken;
        var slave = new ModbusSlave();
        slave.AddUnit(1).SetHolding(0, 11);
        slave.AddUnit(2).SetHolding(0, 22);
        slave.SetResponding(1, false);
        await using var simulator = ModbusRtuSlaveSimulator.Start(slave);
        await using var transport = new ModbusRtuTransport(new ModbusRtuOptions { Port = simulator.DevicePath, Baud = 38400 }, TimeProvider.System);
        await transport.ConnectAsync(ct);
        var master = new ModbusMaster(transport);

        var error = await Assert.ThrowsAsync<ModbusTimeoutException>(() => master.ReadHoldingRegistersAsync(1, 0, 1, TimeSpan.FromMilliseconds(50), ct));
        var other = await master.ReadHoldingRegistersAsync(2, 0, 1, Timeout, ct);

        Assert.Equal((byte)1, error.UnitId);
        Assert.False(error.IsTruncated);
        Assert.Equal([22], other);
    }
}
