using System.Globalization;
using System.Text.Json;
using EdgeGateway.Drivers.Modbus.Simulation;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Cli;

/// <summary><c>edgegw diag modbus</c> as a technician runs it: the built edgegw against the Modbus TCP slave simulator.</summary>
public sealed class DiagModbusCommandTests : IAsyncDisposable
{
    private readonly ModbusSlave _slave = new();
    private readonly ModbusTcpSlaveSimulator _server;

    public DiagModbusCommandTests()
    {
        // 123.456f is 0x42F6E979; stored low word first (CDAB) at 100, and a bare int16 -42 at 200.
        _slave.AddUnit(1).SetHolding(100, 0xE979, 0x42F6);
        _slave[1].SetHolding(200, unchecked((ushort)-42));
        _slave.AddUnit(2);
        _slave.SetResponding(2, false);
        _server = ModbusTcpSlaveSimulator.Start(_slave);
    }

    private string Tcp => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{_server.Port}");

    [Fact]
    public async Task A_float32_is_read_with_its_raw_registers_and_exact_value()
    {
        var (exit, output) = await EdgegwProcess.RunAsync(null, "diag", "modbus", "--tcp", Tcp, "--unit", "1", "--read", "100", "--count", "2", "--type", "float32", "--order", "CDAB");

        Assert.Equal(0, exit);
        var lines = output.Split('\n');
        Assert.Matches($@"^tcp {Tcp} unit 1, function 03 read holding registers, address 100, count 2: ok in \d+ ms$", lines[0]);
        Assert.Equal(
            ["address  hex     decimal", "    100  0xE979    59769", "    101  0x42F6    17142", "float32 CDAB:", "    100  123.456"],
            lines[1..]);
    }

    [Fact]
    public async Task Json_output_carries_the_registers_and_the_value_for_scripts()
    {
        var (exit, output) = await EdgegwProcess.RunAsync(null, "diag", "modbus", "--tcp", Tcp, "--unit", "1", "--read", "200", "--type", "int16", "--json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.Equal(("ok", 1, 3, 200), (root.GetProperty("outcome").GetString(), root.GetProperty("unit").GetInt32(), root.GetProperty("function").GetInt32(), root.GetProperty("address").GetInt32()));
        Assert.Equal([65494], root.GetProperty("registers").EnumerateArray().Select(r => r.GetInt32()));
        Assert.Equal([-42.0], root.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()));
    }

    [Fact]
    public async Task An_exception_response_is_named_and_exits_1()
    {
        var (exit, output) = await EdgegwProcess.RunAsync(null, "diag", "modbus", "--tcp", Tcp, "--unit", "1", "--read", "5000", "--count", "2");

        Assert.Equal(1, exit);
        Assert.Contains("count 2: exception in", output, StringComparison.Ordinal);
        Assert.EndsWith("exception 02 IllegalDataAddress: no such register range on this unit: check --read and --count against its register map", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_unit_that_does_not_answer_times_out_and_exits_1()
    {
        var (exit, output) = await EdgegwProcess.RunAsync(null, "diag", "modbus", "--tcp", Tcp, "--unit", "2", "--read", "0", "--timeout", "200ms", "--json");

        Assert.Equal(1, exit);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("timeout", json.RootElement.GetProperty("outcome").GetString());
        Assert.Equal(0, json.RootElement.GetProperty("registers").GetArrayLength());
    }

    [Fact]
    public async Task Bad_arguments_say_what_to_fix_and_exit_2()
    {
        var (exit, output) = await EdgegwProcess.RunAsync(null, "diag", "modbus", "--tcp", Tcp, "--rtu", "/dev/ttyUSB0", "--unit", "300", "--read", "0", "--count", "3", "--type", "float32");

        Assert.Equal(2, exit);
        Assert.Equal(
            [
                "edgegw diag modbus: give exactly one of --tcp HOST:PORT or --rtu PORT",
                "edgegw diag modbus: --unit must be 0..255",
                "edgegw diag modbus: --count 3 is not a whole number of float32 values (2 registers each)",
                "edgegw diag modbus: see 'edgegw diag modbus --help'",
            ],
            output.Split('\n'));
        Assert.Equal(0, _slave.Requests);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();
}
