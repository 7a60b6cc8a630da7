using System.Net;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Modbus;

[Trait("Category", "Interop")]
public sealed class ModbusInteropTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task Our_master_reads_the_exact_values_modbus_serial_serves_in_every_layout()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ModbusInteropServer.StartAsync(ct);
        await using var transport = new ModbusTcpTransport(new IPEndPoint(IPAddress.Loopback, server.Port), TimeProvider.System);
        await transport.ConnectAsync(ct);
        var master = new ModbusMaster(transport);

        var holding = await master.ReadHoldingRegistersAsync(1, 0, 9, Timeout, ct);
        var input = await master.ReadInputRegistersAsync(1, 0, 3, Timeout, ct);

        Assert.Equal([0x42F6, 0xE979, 0x0000, 0xC148, 0xFF38, 0x1234, 0x5678, 0x0040, 0xCE43], holding);
        Assert.Equal((double)123.456f, RegisterCodec.Decode(holding.AsSpan(0), RegisterType.Float32, WordOrder.ABCD));
        Assert.Equal(-12.5, RegisterCodec.Decode(holding.AsSpan(2), RegisterType.Float32, WordOrder.CDAB));
        Assert.Equal(-200, RegisterCodec.Decode(holding.AsSpan(4), RegisterType.Int16, WordOrder.ABCD));
        Assert.Equal(305419896, RegisterCodec.Decode(holding.AsSpan(5), RegisterType.UInt32, WordOrder.ABCD));
        Assert.Equal(412.5, RegisterCodec.Decode(holding.AsSpan(7), RegisterType.Float32, WordOrder.DCBA));
        Assert.Equal(1234, input[0]);
        Assert.Equal((double)101.325f, RegisterCodec.Decode(input.AsSpan(1), RegisterType.Float32, WordOrder.ABCD));
    }

    [Fact]
    public async Task Writes_with_06_and_16_are_read_back_and_a_bad_address_is_IllegalDataAddress()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var server = await ModbusInteropServer.StartAsync(ct);
        await using var transport = new ModbusTcpTransport(new IPEndPoint(IPAddress.Loopback, server.Port), TimeProvider.System);
        await transport.ConnectAsync(ct);
        var master = new ModbusMaster(transport);

        await master.WriteSingleRegisterAsync(1, 50, 0xBEEF, Timeout, ct);
        await master.WriteMultipleRegistersAsync(1, 51, new ushort[] { 1, 2, 3 }, Timeout, ct);
        var readBack = await master.ReadHoldingRegistersAsync(1, 50, 4, Timeout, ct);
        var error = await Assert.ThrowsAsync<ModbusException>(() => master.ReadHoldingRegistersAsync(1, 99, 2, Timeout, ct));

        Assert.Equal([0xBEEF, 1, 2, 3], readBack);
        Assert.Equal(ModbusExceptionCode.IllegalDataAddress, error.Code);
    }
}
