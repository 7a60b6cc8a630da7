using System.Device.Gpio;
using EdgeGateway.Configuration;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.Drivers.Epc;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Drivers.Llrp.Emulation;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Simulation;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeGateway.Demo;

/// <summary>
/// The demo's simulated ward: an under-mattress sensor on a real pseudo-terminal and a nurse-call button
/// on a simulated GPIO chip (behind the same GpioController the real libgpiod driver sits behind), and an
/// LLRP reader emulator on loopback TCP watching a store-room shelf, and two Modbus pressure transmitters on a
/// water main (one over TCP, one over RTU on a pty) that bursts. A script plays a compressed ward day in about
/// a minute: tachycardia, calls escalated then cancelled at the bedside (GPIO, and an MQTT button in the next bed
/// pressed by a client on the embedded broker), a burst located on the main, the sensor unplugged (device
/// silent, then back), apnea, and the patient getting out of bed.
/// </summary>
internal sealed class DemoWard : IAsyncDisposable
{
    public const string BedId = "bed-12A";
    public const string CallButtonId = "call-12A";
    public const string MqttCallButtonId = "call-14B";
    public const string StoreRoomReaderId = "store-3A";
    public const string UpstreamId = "pipe-A-up";
    public const string DownstreamId = "pipe-A-down";
    public const string StoreRoom = "store room 3A";
    public const string SalineGtin = "80614141123458";
    public const string DressingGtin = "80614141987654";

    /// <summary>A catalog for the shelf (one saline lot close to expiry), for <c>edgegw catalog import</c>.</summary>
    public const string CatalogFileName = "store-room-catalog.csv";
    private const int CallLine = 17;
    private const int CancelLine = 27;

    private static readonly MattressScenarioStep[] BedScript =
    [
        new(MattressCondition.InBedNormal, TimeSpan.FromSeconds(6)),
        new(MattressCondition.Tachycardia, TimeSpan.FromSeconds(8)),
        new(MattressCondition.InBedNormal, TimeSpan.FromSeconds(3)),
        new(MattressCondition.Unplugged, TimeSpan.FromSeconds(8)),
        new(MattressCondition.InBedNormal, TimeSpan.FromSeconds(2)),
        new(MattressCondition.Apnea, TimeSpan.FromSeconds(18)),
        new(MattressCondition.InBedNormal, TimeSpan.FromSeconds(2)),
        new(MattressCondition.OutOfBed, TimeSpan.FromSeconds(8)),
        new(MattressCondition.InBedNormal, TimeSpan.FromSeconds(30)),
    ];

    private readonly MattressSimulator _bed;
    private readonly LlrpReaderEmulator _reader;
    private readonly List<byte[]> _shelf = [];
    private readonly PipePressureSimulator _pipe;
    private readonly ModbusTcpSlaveSimulator _upstream;
    private readonly ModbusRtuSlaveSimulator _downstream;
    private readonly TimeProvider _time;
    private readonly int _brokerPort;

    /// <summary><paramref name="brokerPort"/> is the embedded broker's port, where the MQTT call button publishes.</summary>
    public DemoWard(string dataDir, TimeProvider time, int seed, int brokerPort)
    {
        _time = time;
        _brokerPort = brokerPort;
        _bed = new MattressSimulator(Path.Combine(dataDir, $"{BedId}.tty"), time, seed);
        Gpio = new SimulatedGpioDriver();
        Gpio.SetInput(CallLine, PinValue.High);
        Gpio.SetInput(CancelLine, PinValue.High);
        _reader = new LlrpReaderEmulator(new LlrpReaderEmulatorOptions { ReportPeriodMs = 2000, Antennas = 1, FirmwareVersion = "edgegw-demo" }, time);
        _reader.Start();

        // A store room shelf: saline bags and dressings, tagged with SGTIN-96 (GS1 company prefix 0614141).
        for (ulong serial = 1; serial <= 4; serial++)
        {
            _shelf.Add(Sgtin96Encoder.Encode(SalineGtin, 7, serial));
            _shelf.Add(Sgtin96Encoder.Encode(DressingGtin, 7, 100 + serial));
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        File.WriteAllText(Path.Combine(dataDir, CatalogFileName), string.Create(System.Globalization.CultureInfo.InvariantCulture, $"""
            gtin,name,lot,expiry,serials
            {SalineGtin},Saline 0.9% 500 ml bag,S2401,{today.AddDays(10):yyyy-MM-dd},1-2
            {SalineGtin},Saline 0.9% 500 ml bag,S2402,{today.AddDays(200):yyyy-MM-dd},3-4
            {DressingGtin},"Dressing, foam, 10 x 10 cm",D77,{today.AddDays(400):yyyy-MM-dd},

            """));

        foreach (var epc in _shelf)
        {
            _reader.AddTag(1, epc);
        }

        // A 1 km water main with a pressure transmitter at each end: Modbus TCP upstream, RTU (RS-485 on a pty) downstream.
        var upstream = new ModbusSlave();
        var downstream = new ModbusSlave();
        _pipe = new PipePressureSimulator(new PipePressureOptions(), upstream.AddUnit(1), downstream.AddUnit(2), time, new Random(seed));
        _pipe.Update();
        _upstream = ModbusTcpSlaveSimulator.Start(upstream);
        _downstream = ModbusRtuSlaveSimulator.Start(downstream);
    }

    public SimulatedGpioDriver Gpio { get; }

    public IEnumerable<DeviceOptions> Devices()
    {
        yield return Transmitter(UpstreamId, "A upstream end", new ModbusDeviceOptions { Tcp = $"127.0.0.1:{_upstream.Port}", UnitId = 1 });
        yield return Transmitter(DownstreamId, "A downstream end", new ModbusDeviceOptions { Rtu = new ModbusRtuOptions { Port = _downstream.DevicePath }, UnitId = 2 });
        yield return new DeviceOptions
        {
            Id = StoreRoomReaderId,
            Type = DeviceType.Rfid,
            Location = new LocationOptions { Ward = "3A", Zone = "store room" },
            SilenceTimeoutSeconds = 30,
            Llrp = new LlrpReaderOptions { Host = "127.0.0.1", Port = _reader.Port, Antennas = [1], KeepaliveIntervalMs = 5000 },

            // A short window (the emulator reports every 2 s) so a taken item leaves the count within 10 s.
            Stock = new StockOptions
            {
                WindowSeconds = 10,
                Locations =
                [
                    new StockLocationOptions
                    {
                        Name = StoreRoom,
                        Antennas = [1],
                        Minimums =
                        [
                            new StockMinimumOptions { Gtin = SalineGtin, Minimum = 4, NearExpiryDays = 30 },
                            new StockMinimumOptions { Gtin = DressingGtin, Minimum = 2, NearExpiryDays = 30 },
                        ],
                    },
                ],
            },
        };
        yield return new DeviceOptions
        {
            Id = BedId,
            Type = DeviceType.Mattress,
            Location = new LocationOptions { Ward = "3A", Room = "12", Bed = "12A" },
            SilenceTimeoutSeconds = 5,
            Mattress = new MattressOptions { Port = _bed.PortPath, ReconnectInitialDelayMs = 250, ReconnectMaxDelayMs = 2000 },
        };
        yield return new DeviceOptions
        {
            Id = CallButtonId,
            Type = DeviceType.CallButton,
            Location = new LocationOptions { Ward = "3A", Room = "12", Bed = "12A" },
            Gpio = new CallButtonOptions { Chip = 0, Line = CallLine, CancelLine = CancelLine, ActiveLow = true, DebounceMs = 30 },
        };
        yield return new DeviceOptions
        {
            Id = MqttCallButtonId,
            Type = DeviceType.CallButton,
            Location = new LocationOptions { Ward = "3A", Room = "14", Bed = "14B" },
            Mqtt = new MqttCallButtonOptions { Topic = MqttCallButtonTopic },
        };
    }

    private static string MqttCallButtonTopic => $"edgegw/{DemoRunner.GatewayId}/buttons/{MqttCallButtonId}";

    /// <summary>
    /// The alarm settings of a compressed ward day: the same rules as on a ward, with times short enough to
    /// see each alarm within a minute (a real bed settles for 90 s; apnea is 20 s; a call escalates after minutes).
    /// </summary>
    public static void CompressTime(AlarmOptions alarms)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        alarms.BedSettlingSeconds = 3;
        alarms.Vitals.SustainSeconds = 5;
        alarms.Apnea.ApneaSeconds = 15;
        alarms.BedExit.DelaySeconds = 4;
        alarms.CallEscalation.EscalationSeconds = [4, 8];
        alarms.Stock.HoldSeconds = 5;
        alarms.PipeBurst.Pipes =
        [
            new PipeOptions { Id = "main-A", UpstreamDeviceId = UpstreamId, DownstreamDeviceId = DownstreamId, LengthM = 1000, WaveSpeedMps = 1200, SamplingIntervalMs = 100 },
        ];
    }

    /// <summary>Plays the script until cancelled.</summary>
    public Task RunAsync(CancellationToken cancellationToken) =>
        Task.WhenAll(
            Quietly(_bed.RunAsync(cancellationToken)),
            Quietly(_bed.PlayAsync(BedScript, repeat: true, cancellationToken)),
            Quietly(CallsAsync(cancellationToken)),
            Quietly(MqttCallsAsync(cancellationToken)),
            Quietly(TakeStockAsync(cancellationToken)),
            Quietly(_pipe.RunAsync(TimeSpan.FromMilliseconds(10), cancellationToken)),
            Quietly(BurstAsync(cancellationToken)));

    public async ValueTask DisposeAsync()
    {
        _bed.Dispose();
        await _reader.DisposeAsync();
        await _upstream.DisposeAsync();
        await _downstream.DisposeAsync();
    }

    private static DeviceOptions Transmitter(string id, string zone, ModbusDeviceOptions modbus)
    {
        modbus.PollIntervalMs = 100;
        modbus.TimeoutMs = 200;
        modbus.Points = [new ModbusPointOptions { Name = ModbusDevice.PressurePoint, Function = 3, Address = 0, Type = RegisterType.Float32, Unit = "kPa" }];
        return new DeviceOptions
        {
            Id = id,
            Type = DeviceType.Pressure,
            Location = new LocationOptions { Zone = $"main {zone}" },
            SilenceTimeoutSeconds = 5,
            Modbus = modbus,
        };
    }

    /// <summary>The main bursts 350 m from the upstream end at 20 s, and is repaired 8 s later.</summary>
    private async Task BurstAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(20), _time, cancellationToken);
        _pipe.TriggerBurst(350);
        await Task.Delay(TimeSpan.FromSeconds(8), _time, cancellationToken);
        _pipe.Repair();
    }

    /// <summary>A nurse takes an item off the shelf every 12 s.</summary>
    private async Task TakeStockAsync(CancellationToken cancellationToken)
    {
        foreach (var epc in _shelf)
        {
            await Task.Delay(TimeSpan.FromSeconds(12), _time, cancellationToken);
            _reader.RemoveTag(1, epc);
        }
    }

    /// <summary>A patient presses the call button; a nurse cancels it at the bedside 6 s later; again every 40 s.</summary>
    private async Task CallsAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(TimeSpan.FromSeconds(10), _time, cancellationToken);
        while (true)
        {
            await ContactAsync(CallLine, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(6), _time, cancellationToken);
            await ContactAsync(CancelLine, cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(40), _time, cancellationToken);
        }
    }

    /// <summary>The MQTT button in bed 14B: pressed 4 s after the GPIO one (JSON), cancelled 5 s later (plain text); again every 46 s.</summary>
    private async Task MqttCallsAsync(CancellationToken cancellationToken)
    {
        using var button = new MqttClientFactory().CreateMqttClient();
        await Task.Delay(TimeSpan.FromSeconds(14), _time, cancellationToken);
        await button.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _brokerPort).WithClientId($"demo-button-{MqttCallButtonId}").Build(), cancellationToken);
        while (true)
        {
            await PublishAsync(button, """{"event":"pressed"}""", cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(5), _time, cancellationToken);
            await PublishAsync(button, "cancelled", cancellationToken);
            await Task.Delay(TimeSpan.FromSeconds(41), _time, cancellationToken);
        }
    }

    private static Task<MqttClientPublishResult> PublishAsync(IMqttClient button, string payload, CancellationToken cancellationToken) =>
        button.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(MqttCallButtonTopic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken);

    private async Task ContactAsync(int line, CancellationToken cancellationToken)
    {
        Gpio.SetInput(line, PinValue.Low);
        await Task.Delay(TimeSpan.FromMilliseconds(300), _time, cancellationToken);
        Gpio.SetInput(line, PinValue.High);
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // The demo is over.
        }
    }
}
