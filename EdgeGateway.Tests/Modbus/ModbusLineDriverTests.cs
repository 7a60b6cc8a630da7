using System.Text;
using System.Text.Json;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Simulation;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Tests.Modbus;

public sealed class ModbusLineDriverTests
{
    private const string Frames = "edgegw.driver.frames";
    private const string BadFrames = "edgegw.driver.bad_frames";
    private static readonly string[] Reasons = ["timeout", "truncated", "crc", "malformed", "unexpected-unit", "line-busy"];

    [Fact]
    public async Task Two_pressure_transmitters_on_one_rtu_pty_line_are_polled_in_turn_and_converted_to_kPa()
    {
        var slave = new ModbusSlave();
        slave.AddUnit(1).SetValue(input: false, 0, 412.5, RegisterType.Float32, WordOrder.ABCD);
        slave.AddUnit(2).SetValue(input: true, 10, 3.5, RegisterType.Float32, WordOrder.CDAB);
        await using var simulator = ModbusRtuSlaveSimulator.Start(slave);
        var rtu = new ModbusRtuOptions { Port = simulator.DevicePath, Baud = 38400 };
        using var meters = new RecordingMeterFactory();
        var sink = new DeviceEventSink();
        var driver = Driver(meters, [
            Pressure("upstream", Rtu(rtu, 1), new ModbusPointOptions { Name = "pressure", Address = 0, Unit = "kPa" }),
            Pressure("downstream", Rtu(rtu, 2), new ModbusPointOptions { Name = "pressure", Function = 4, Address = 10, WordOrder = WordOrder.CDAB, Unit = "bar" }),
        ]);

        var (running, stop) = Run(driver, sink);
        var upstream = await sink.NextAsync<PressureReading>(r => r.DeviceId == "upstream");
        var downstream = await sink.NextAsync<PressureReading>(r => r.DeviceId == "downstream");
        await stop.CancelAsync();
        await running;

        Assert.Equal(412.5, upstream.PressureKpa);
        Assert.Equal(350.0, downstream.PressureKpa);
        Assert.Contains(sink.Seen, e => e is DeviceStatusChange { DeviceId: "upstream", State: DeviceState.Online });
        Assert.Contains(sink.Seen, e => e is DeviceStatusChange { DeviceId: "downstream", State: DeviceState.Online });
        Assert.True(meters.Total(Frames, ("device", "upstream")) >= 1);
        Assert.Equal(["upstream", "downstream"], driver.DeviceIds);
        Assert.Equal($"rtu:{simulator.DevicePath}", driver.Line);
    }

    [Fact]
    public async Task Generic_points_over_tcp_become_one_reading_named_after_point_and_unit()
    {
        var slave = new ModbusSlave();
        var bank = slave.AddUnit(5);
        bank.SetHolding(20, unchecked((ushort)-123));
        bank.SetValue(input: false, 21, 305419896, RegisterType.UInt32, WordOrder.DCBA);
        bank.SetInput(0, 1234);
        await using var simulator = ModbusTcpSlaveSimulator.Start(slave);
        using var meters = new RecordingMeterFactory();
        var sink = new DeviceEventSink();
        var options = new ModbusDeviceOptions
        {
            Tcp = $"127.0.0.1:{simulator.Port}",
            UnitId = 5,
            PollIntervalMs = 20,
            Points =
            [
                new() { Name = "temperature", Address = 20, Type = RegisterType.Int16, Scale = 0.1, Unit = "degC" },
                new() { Name = "pulses", Address = 21, Type = RegisterType.UInt32, WordOrder = WordOrder.DCBA, Unit = "count" },
                new() { Name = "level", Function = 4, Address = 0, Type = RegisterType.UInt16, Scale = 0.01, Offset = -2, Unit = "%" },
            ],
        };
        var driver = Driver(meters, [new ModbusDevice("meter", "flow", options)]);

        var (running, stop) = Run(driver, sink);
        var reading = await sink.NextAsync<ModbusPointsReading>(_ => true);
        await stop.CancelAsync();
        await running;

        Assert.Equal("modbus", reading.ReadingType);
        Assert.Equal("""{"temperatureDegC":-12.3,"pulsesCount":305419896,"levelPct":10.34}""", Json(reading));
        Assert.True(meters.Total(Frames, ("device", "meter")) >= 2, "holding and input points are two reads");
    }

    [Fact]
    public async Task A_silent_slave_is_counted_and_reported_offline_while_the_other_unit_keeps_reporting_then_recovers()
    {
        var slave = new ModbusSlave();
        slave.AddUnit(1).SetValue(input: false, 0, 100, RegisterType.Float32, WordOrder.ABCD);
        slave.AddUnit(2).SetValue(input: false, 0, 200, RegisterType.Float32, WordOrder.ABCD);
        await using var simulator = ModbusRtuSlaveSimulator.Start(slave);
        var rtu = new ModbusRtuOptions { Port = simulator.DevicePath, Baud = 38400 };
        using var meters = new RecordingMeterFactory();
        var sink = new DeviceEventSink();
        var driver = Driver(meters, [
            Pressure("a", Rtu(rtu, 1, offlineAfter: 2), new ModbusPointOptions { Name = "pressure", Unit = "kPa" }),
            Pressure("b", Rtu(rtu, 2, offlineAfter: 2), new ModbusPointOptions { Name = "pressure", Unit = "kPa" }),
        ]);
        var (running, stop) = Run(driver, sink);
        await sink.NextAsync<PressureReading>(r => r.DeviceId == "a");

        slave.SetResponding(1, false);
        var offline = await sink.NextAsync<DeviceStatusChange>(s => s is { DeviceId: "a", State: DeviceState.Offline });
        var stillPolled = await sink.NextAsync<PressureReading>(r => r.DeviceId == "b");
        slave.SetResponding(1, true);
        await sink.NextAsync<DeviceStatusChange>(s => s is { DeviceId: "a", State: DeviceState.Online });
        var recovered = await sink.NextAsync<PressureReading>(r => r.DeviceId == "a");
        await stop.CancelAsync();
        await running;

        Assert.Equal("unit 1 did not answer ReadHoldingRegisters at address 0 within 150 ms", offline.Detail);
        Assert.True(meters.Total(BadFrames, ("device", "a"), ("reason", "timeout")) >= 2, string.Join(",", Reasons.Select(r => $"{r}={meters.Total(BadFrames, ("device", "a"), ("reason", r))}")));
        Assert.Equal(0, meters.Total(BadFrames, ("device", "b"), ("reason", "timeout")));
        Assert.Equal(200, stillPolled.PressureKpa);
        Assert.Equal(100, recovered.PressureKpa);
        Assert.DoesNotContain(sink.Seen, e => e is DeviceStatusChange { DeviceId: "b", State: DeviceState.Offline });
    }

    [Fact]
    public async Task An_exception_response_is_counted_by_name_and_does_not_stop_the_next_device()
    {
        var slave = new ModbusSlave();
        slave.AddUnit(1, new ModbusRegisterBank(holdingCount: 4));
        slave.AddUnit(2).SetValue(input: false, 0, 250, RegisterType.Float32, WordOrder.ABCD);
        await using var simulator = ModbusTcpSlaveSimulator.Start(slave);
        using var meters = new RecordingMeterFactory();
        var sink = new DeviceEventSink();
        var tcp = $"127.0.0.1:{simulator.Port}";
        var driver = Driver(meters, [
            Pressure("misconfigured", Tcp(tcp, 1), new ModbusPointOptions { Name = "pressure", Address = 100, Unit = "kPa" }),
            Pressure("good", Tcp(tcp, 2), new ModbusPointOptions { Name = "pressure", Unit = "kPa" }),
        ]);

        var (running, stop) = Run(driver, sink);
        await sink.NextAsync<PressureReading>(r => r.DeviceId == "good");
        await sink.NextAsync<PressureReading>(r => r.DeviceId == "good");
        await stop.CancelAsync();
        await running;

        Assert.True(meters.Total(BadFrames, ("device", "misconfigured"), ("reason", "exception")) >= 1);
        Assert.Equal(meters.Total(BadFrames, ("device", "misconfigured"), ("reason", "exception")), meters.Total("edgegw.modbus.exceptions", ("device", "misconfigured"), ("code", "IllegalDataAddress")));
        Assert.DoesNotContain(sink.Seen, e => e.DeviceId == "misconfigured");
    }

    [Fact]
    public async Task A_crc_error_on_the_line_is_counted_as_crc_and_polling_continues()
    {
        var slave = new ModbusSlave();
        slave.AddUnit(1).SetValue(input: false, 0, 50, RegisterType.Float32, WordOrder.ABCD);
        await using var simulator = ModbusRtuSlaveSimulator.Start(slave);
        using var meters = new RecordingMeterFactory();
        var sink = new DeviceEventSink();
        var driver = Driver(meters, [Pressure("p", Rtu(new ModbusRtuOptions { Port = simulator.DevicePath, Baud = 38400 }, 1), new ModbusPointOptions { Name = "pressure", Unit = "kPa" })]);
        var (running, stop) = Run(driver, sink);
        await sink.NextAsync<PressureReading>(_ => true);

        simulator.CorruptNextResponse();
        await sink.NextAsync<PressureReading>(_ => meters.Total(BadFrames, ("device", "p"), ("reason", "crc")) == 1);
        await stop.CancelAsync();
        await running;

        Assert.Equal(1, meters.Total(BadFrames, ("device", "p"), ("reason", "crc")));
    }

    [Fact]
    public async Task A_dropped_tcp_server_takes_every_device_offline_and_the_line_reconnects_when_it_returns()
    {
        var slave = new ModbusSlave();
        slave.AddUnit(1).SetValue(input: false, 0, 321, RegisterType.Float32, WordOrder.ABCD);
        var simulator = ModbusTcpSlaveSimulator.Start(slave);
        var port = simulator.Port;
        using var meters = new RecordingMeterFactory();
        var sink = new DeviceEventSink();
        var driver = Driver(meters, [Pressure("p", Tcp($"127.0.0.1:{port}", 1), new ModbusPointOptions { Name = "pressure", Unit = "kPa" })]);
        var (running, stop) = Run(driver, sink);
        await sink.NextAsync<PressureReading>(_ => true);

        await simulator.DisposeAsync();
        var offline = await sink.NextAsync<DeviceStatusChange>(s => s.State == DeviceState.Offline);
        await using var restarted = ModbusTcpSlaveSimulator.Start(slave, port);
        await sink.NextAsync<DeviceStatusChange>(s => s.State == DeviceState.Online);
        var after = await sink.NextAsync<PressureReading>(_ => true);
        await stop.CancelAsync();
        await running;

        Assert.StartsWith($"line tcp:127.0.0.1:{port} lost", offline.Detail, StringComparison.Ordinal);
        Assert.True(meters.Total("edgegw.driver.reconnects", ("device", "p")) >= 1);
        Assert.Equal(321, after.PressureKpa);
    }

    [Fact]
    public async Task A_missing_serial_port_reports_offline_and_counts_reconnect_attempts_without_throwing()
    {
        using var meters = new RecordingMeterFactory();
        var sink = new DeviceEventSink();
        var driver = Driver(meters, [Pressure("p", Rtu(new ModbusRtuOptions { Port = "/dev/edgegw-no-such-port" }, 1), new ModbusPointOptions { Name = "pressure", Unit = "kPa" })]);

        var (running, stop) = Run(driver, sink);
        var offline = await sink.NextAsync<DeviceStatusChange>(s => s.State == DeviceState.Offline);
        await sink.NextAsync<DeviceStatusChange>(_ => false, TimeSpan.FromMilliseconds(50)).ContinueWith(_ => { }, TaskScheduler.Default);
        await stop.CancelAsync();
        await running;

        Assert.StartsWith("cannot open line rtu:/dev/edgegw-no-such-port", offline.Detail, StringComparison.Ordinal);
        Assert.True(meters.Total("edgegw.driver.reconnects", ("device", "p")) >= 1);
    }

    internal static string Json(Reading reading)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            reading.WriteData(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static ModbusLineDriver Driver(RecordingMeterFactory meters, IReadOnlyList<ModbusDevice> devices) =>
        new(devices, () => CreateTransport(devices[0]), new DriverMetrics(meters), new ModbusMetrics(meters), NullLogger.Instance, new ModbusPollClock(TimeProvider.System), TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200));

    private static IModbusTransport CreateTransport(ModbusDevice device)
    {
        if (device.Options.Rtu is { } rtu)
        {
            return new ModbusRtuTransport(rtu, TimeProvider.System);
        }

        Assert.True(ModbusTcpTransport.TryParseEndPoint(device.Options.Tcp, out var endPoint));
        return new ModbusTcpTransport(endPoint, TimeProvider.System);
    }

    private static (Task Running, CancellationTokenSource Stop) Run(ModbusLineDriver driver, DeviceEventSink sink)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        return (driver.RunAsync(sink, stop.Token), stop);
    }

    private static ModbusDevice Pressure(string id, ModbusDeviceOptions options, ModbusPointOptions point)
    {
        options.Points.Add(point);
        return new ModbusDevice(id, ModbusDevice.PressureType, options);
    }

    private static ModbusDeviceOptions Rtu(ModbusRtuOptions rtu, int unit, int offlineAfter = 3) =>
        new() { Rtu = rtu, UnitId = unit, PollIntervalMs = 20, TimeoutMs = 150, OfflineAfterFailures = offlineAfter };

    private static ModbusDeviceOptions Tcp(string endPoint, int unit) =>
        new() { Tcp = endPoint, UnitId = unit, PollIntervalMs = 20, TimeoutMs = 200 };
}
