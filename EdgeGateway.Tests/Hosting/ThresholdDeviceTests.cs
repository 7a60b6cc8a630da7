using EdgeGateway.Alarms;
using EdgeGateway.Configuration;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Simulation;
using EdgeGateway.Engine;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Tests.Hosting;

/// <summary>
/// Issue 6: "a threshold rule on any configured numeric point ... so a technician adds an alarm by config, not by
/// code": a medication fridge's thermometer as a generic <c>modbus</c> device, its temperature alarmed by config.
/// </summary>
public sealed class ThresholdDeviceTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_fridge_thermometer_configured_as_a_modbus_device_raises_its_temperature_alarm_and_clears_it_inside_the_hysteresis()
    {
        var slave = new ModbusSlave();
        var fridge = slave.AddUnit(7);
        fridge.SetValue(input: false, 0, 4.5, RegisterType.Float32, WordOrder.ABCD);
        await using var simulator = ModbusTcpSlaveSimulator.Start(slave);
        await using var gateway = await GatewayFixture.StartAsync(o =>
        {
            o.Devices.Add(new DeviceOptions
            {
                Id = "fridge-3A",
                Type = DeviceType.Modbus,
                Modbus = new ModbusDeviceOptions
                {
                    Tcp = $"127.0.0.1:{simulator.Port}",
                    UnitId = 7,
                    PollIntervalMs = 50,
                    Points = [new ModbusPointOptions { Name = "temperature", Function = 3, Address = 0, Type = RegisterType.Float32, Unit = "degC" }],
                },
            });
            o.Alarms.Thresholds.Add(new ThresholdAlarmOptions
            {
                Name = "med-fridge-3A", DeviceId = "fridge-3A", Field = "temperatureDegC", LowLimit = 2, HighLimit = 8, Hysteresis = 0.5, SustainSeconds = 0, Priority = AlarmPriority.High,
            });
        }, cloud: false);
        await using var readings = await MqttProbe.SubscribeAsync(gateway.BrokerPort, $"edgegw/{GatewayFixture.GatewayId}/readings/fridge-3A", _ct);
        await using var alarms = await MqttProbe.SubscribeAsync(gateway.BrokerPort, $"edgegw/{GatewayFixture.GatewayId}/alarms/#", _ct);

        var reading = await readings.NextAsync((_, _) => true, Wait, _ct);
        Assert.Contains("\"type\":\"modbus\"", reading.Payload, StringComparison.Ordinal);
        Assert.Contains("\"temperatureDegC\":4.5", reading.Payload, StringComparison.Ordinal);

        fridge.SetValue(input: false, 0, 9.25, RegisterType.Float32, WordOrder.ABCD);
        var raised = await alarms.NextAsync((_, payload) => payload.Contains("\"state\":\"raised\"", StringComparison.Ordinal), Wait, _ct);
        Assert.Contains("threshold.med-fridge-3A.", raised.Topic, StringComparison.Ordinal);
        Assert.Contains("\"priority\":\"high\"", raised.Payload, StringComparison.Ordinal);
        Assert.Contains("9.25", raised.Payload, StringComparison.Ordinal);

        // Back under the limit but not by the hysteresis: still active; well inside: cleared.
        fridge.SetValue(input: false, 0, 7.75, RegisterType.Float32, WordOrder.ABCD);
        await readings.NextAsync((_, payload) => payload.Contains("\"temperatureDegC\":7.75", StringComparison.Ordinal), Wait, _ct);
        fridge.SetValue(input: false, 0, 7.25, RegisterType.Float32, WordOrder.ABCD);
        var cleared = await alarms.NextAsync((topic, payload) => topic == raised.Topic && payload.Contains("\"state\":\"cleared\"", StringComparison.Ordinal), Wait, _ct);
        Assert.Contains("7.25", cleared.Payload, StringComparison.Ordinal);
        Assert.DoesNotContain(gateway.Host.Services.GetRequiredService<EngineService>().ActiveAlarms, a => a.Type == "threshold");
    }

    [Fact]
    public void A_modbus_device_needs_its_modbus_section_and_cannot_stand_on_a_pipe()
    {
        var fridge = new DeviceOptions
        {
            Id = "fridge-2", Type = DeviceType.Modbus,
            Modbus = new ModbusDeviceOptions { Tcp = "127.0.0.1:502", Points = [new ModbusPointOptions { Name = "temperature", Unit = "degC" }] },
        };
        var transmitter = new DeviceOptions
        {
            Id = "pt-1", Type = DeviceType.Pressure,
            Modbus = new ModbusDeviceOptions { Tcp = "127.0.0.1:502", UnitId = 2, Points = [new ModbusPointOptions { Name = "pressure", Unit = "kPa" }] },
        };
        var onPipe = Options(fridge, transmitter);
        onPipe.Alarms.PipeBurst.Pipes.Add(new PipeOptions { Id = "main", UpstreamDeviceId = "pt-1", DownstreamDeviceId = "fridge-2", LengthM = 100, WaveSpeedMps = 1200, SamplingIntervalMs = 100 });

        Assert.Equal(["alarms.pipeBurst.pipes[0].downstreamDeviceId: \"fridge-2\" is not a pressure device"], Errors(onPipe));
        Assert.Empty(Errors(Options(fridge, transmitter)));
        Assert.Equal(["devices[0].modbus: is required for a device of type \"modbus\""], Errors(Options(new DeviceOptions { Id = "fridge-1", Type = DeviceType.Modbus })));
    }

    private static GatewayOptions Options(params DeviceOptions[] devices) =>
        new() { Gateway = new GatewaySection { Id = "ward-3a", DataDir = "/var/lib/edgegw" }, Devices = [.. devices] };

    private static List<string> Errors(GatewayOptions options) => [.. GatewayConfigLoader.Validate(options).Errors.Select(e => e.ToString())];
}
