using System.Device.Gpio;
using System.Globalization;
using EdgeGateway.Alarms;
using EdgeGateway.Configuration;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.Drivers.Epc;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Drivers.Llrp.Emulation;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Simulation;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;

namespace EdgeGateway.Demo;

/// <summary>
/// The demo's simulated ward, every device on its real transport: two under-mattress sensors on
/// pseudo-terminals (beds 12A and 14B), a GPIO call button with a bedside cancel contact (14B) on a simulated
/// chip behind the same GpioController the libgpiod driver sits behind, an MQTT call button (12A) publishing to
/// the embedded broker, an LLRP reader emulator on loopback TCP watching a store-room shelf, two Modbus pressure
/// transmitters on a 1 km water main (one over TCP, one over RTU on a pty) and the ward's oxygen-line pressure
/// transmitter as a third unit on the RTU line, and a buzzer relay on the GPIO chip. What happens to them is
/// <see cref="DemoScript"/>'s; this class only owns the devices and the physical changes the script makes.
/// </summary>
internal sealed class DemoWard : IAsyncDisposable
{
    public const string BedId = "bed-12A";
    public const string SecondBedId = "bed-14B";
    public const string CallButtonId = "call-14B";
    public const string MqttCallButtonId = "call-12A";
    public const string StoreRoomReaderId = "store-3A";
    public const string UpstreamId = "pipe-A-up";
    public const string DownstreamId = "pipe-A-down";
    public const string OxygenId = "o2-line-3A";
    public const string MainId = "main-A";
    public const string OxygenAlarmName = "o2-supply-3A";
    public const string StoreRoom = "store room 3A";
    public const string SalineGtin = "80614141123458";
    public const string DressingGtin = "80614141987654";

    /// <summary>The shelf's catalog, imported by the demo at start as <c>edgegw catalog import</c> does.</summary>
    public const string CatalogFileName = "store-room-catalog.csv";

    /// <summary>The buzzer relay's output line: on while a high-priority alarm is unacknowledged.</summary>
    public const int BuzzerLine = 5;

    /// <summary>The oxygen line's nominal pressure and its low-pressure alarm limit.</summary>
    public const double OxygenNominalKpa = 400;
    public const double OxygenLowLimitKpa = 360;

    private const int CallLine = 17;
    private const int CancelLine = 27;
    private const byte UpstreamUnit = 1;
    private const byte DownstreamUnit = 2;
    private const byte OxygenUnit = 3;

    // Slower than the pipe-burst rule's 15 kPa/s, so a failing supply is a threshold alarm, not a burst.
    private const double OxygenFallKpaPerSecond = 10;
    private const double OxygenFloorKpa = 340;

    private readonly Dictionary<string, MattressSimulator> _beds = new(StringComparer.Ordinal);
    private readonly LlrpReaderEmulator _reader;
    private readonly PipePressureSimulator _pipe;
    private readonly ModbusRegisterBank _oxygen;
    private readonly ModbusTcpSlaveSimulator _tcpLine;
    private readonly ModbusRtuSlaveSimulator _rtuLine;
    private readonly TimeProvider _time;
    private readonly Random _bursts;
    private readonly Random _oxygenNoise;
    private readonly int _brokerPort;
    private readonly Lock _gate = new();
    private DateTimeOffset? _oxygenFallingSince;
    private IMqttClient? _button;
    private CancellationTokenSource? _frames;
    private Task _frameLoops = Task.CompletedTask;

    /// <param name="seed">Seeds every simulated randomness: vitals, pressure noise, where and how hard the main bursts.</param>
    /// <param name="brokerPort">The embedded broker's port, where the MQTT call button publishes.</param>
    public DemoWard(string dataDir, TimeProvider time, int seed, int brokerPort)
    {
        _time = time;
        _brokerPort = brokerPort;
        // Each randomness its own generator, so how many samples one draws (which depends on timing) never
        // changes what another draws: the same seed bursts the main at the same place, as hard.
        _bursts = new Random(seed);
        _oxygenNoise = new Random(seed + 2);
        _beds.Add(BedId, new MattressSimulator(Path.Combine(dataDir, $"{BedId}.tty"), time, seed));
        _beds.Add(SecondBedId, new MattressSimulator(Path.Combine(dataDir, $"{SecondBedId}.tty"), time, seed + 1));
        Gpio = new SimulatedGpioDriver();
        Gpio.SetInput(CallLine, PinValue.High);
        Gpio.SetInput(CancelLine, PinValue.High);

        _reader = new LlrpReaderEmulator(new LlrpReaderEmulatorOptions { ReportPeriodMs = 500, Antennas = 1, FirmwareVersion = "edgegw-demo" }, time);
        _reader.Start();
        foreach (var epc in Shelf.Initial)
        {
            _reader.AddTag(1, epc);
        }

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        File.WriteAllText(Path.Combine(dataDir, CatalogFileName), string.Create(CultureInfo.InvariantCulture, $"""
            gtin,name,lot,expiry,serials
            {SalineGtin},Saline 0.9% 500 ml bag,S2401,{today.AddDays(10):yyyy-MM-dd},1-2
            {SalineGtin},Saline 0.9% 500 ml bag,S2312,{today.AddDays(-3):yyyy-MM-dd},3
            {SalineGtin},Saline 0.9% 500 ml bag,S2402,{today.AddDays(200):yyyy-MM-dd},
            {DressingGtin},"Dressing, foam, 10 x 10 cm",D77,{today.AddDays(400):yyyy-MM-dd},

            """));

        // A 1 km water main with a pressure transmitter at each end (Modbus TCP upstream, RTU on a pty
        // downstream); the oxygen line's transmitter is a third unit on the same RS-485 line.
        var tcp = new ModbusSlave();
        var rtu = new ModbusSlave();
        _pipe = new PipePressureSimulator(new PipePressureOptions(), tcp.AddUnit(UpstreamUnit), rtu.AddUnit(DownstreamUnit), time, new Random(seed));
        _pipe.Update();
        _oxygen = rtu.AddUnit(OxygenUnit);
        UpdateOxygen();
        _tcpLine = ModbusTcpSlaveSimulator.Start(tcp);
        _rtuLine = ModbusRtuSlaveSimulator.Start(rtu);
    }

    public SimulatedGpioDriver Gpio { get; }

    /// <summary>True while the buzzer relay is switched on.</summary>
    public bool BuzzerOn => Gpio.OutputOf(BuzzerLine) == PinValue.High;

    public IEnumerable<DeviceOptions> Devices()
    {
        yield return Transmitter(UpstreamId, "main A upstream end", new ModbusDeviceOptions { Tcp = $"127.0.0.1:{_tcpLine.Port}", UnitId = UpstreamUnit });
        yield return Transmitter(DownstreamId, "main A downstream end", new ModbusDeviceOptions { Rtu = new ModbusRtuOptions { Port = _rtuLine.DevicePath }, UnitId = DownstreamUnit });
        yield return Transmitter(OxygenId, "ward 3A oxygen line", new ModbusDeviceOptions { Rtu = new ModbusRtuOptions { Port = _rtuLine.DevicePath }, UnitId = OxygenUnit });
        yield return new DeviceOptions
        {
            Id = StoreRoomReaderId,
            Type = DeviceType.Rfid,
            Location = new LocationOptions { Ward = "3A", Zone = "store room" },
            SilenceTimeoutSeconds = 30,
            Llrp = new LlrpReaderOptions { Host = "127.0.0.1", Port = _reader.Port, Antennas = [1], KeepaliveIntervalMs = 5000 },

            // The shortest window allowed (the emulator reports twice a second), so a taken item leaves the count after 5 s.
            Stock = new StockOptions
            {
                WindowSeconds = 5,
                Locations =
                [
                    new StockLocationOptions
                    {
                        Name = StoreRoom,
                        Antennas = [1],
                        Minimums =
                        [
                            new StockMinimumOptions { Gtin = SalineGtin, Minimum = 5, NearExpiryDays = 30 },
                            new StockMinimumOptions { Gtin = DressingGtin, Minimum = 2, NearExpiryDays = 30 },
                        ],
                    },
                ],
            },
        };
        yield return Bed(BedId, "12", "12A", silenceTimeoutSeconds: 5, limits: null);

        // The doctor asked to hear of any respiration rate of 20 /min or more for this patient, so the
        // simulated fever (RR 20-24) shows rr_out_of_range as well as hr_out_of_range.
        yield return Bed(SecondBedId, "14", "14B", silenceTimeoutSeconds: 3, new VitalsLimitOverrides { RrHighBrpm = 19 });
        yield return new DeviceOptions
        {
            Id = CallButtonId,
            Type = DeviceType.CallButton,
            Location = new LocationOptions { Ward = "3A", Room = "14", Bed = "14B" },
            Gpio = new CallButtonOptions { Chip = 0, Line = CallLine, CancelLine = CancelLine, ActiveLow = true, DebounceMs = 30 },
        };
        yield return new DeviceOptions
        {
            Id = MqttCallButtonId,
            Type = DeviceType.CallButton,
            Location = new LocationOptions { Ward = "3A", Room = "12", Bed = "12A" },
            Mqtt = new MqttCallButtonOptions { Topic = MqttCallButtonTopic },
        };
    }

    private static string MqttCallButtonTopic => $"edgegw/{DemoRunner.GatewayId}/buttons/{MqttCallButtonId}";

    /// <summary>
    /// The alarm settings of a compressed ward day: the same rules as on a ward, with every time at or near
    /// the least the configuration allows, so that each alarm is seen within a minute (a real bed settles for
    /// 90 s; apnea is 20 s; a call escalates after minutes). Also the demo's threshold alarm and buzzer relay.
    /// </summary>
    public static void CompressTime(AlarmOptions alarms)
    {
        ArgumentNullException.ThrowIfNull(alarms);
        alarms.UnacknowledgedEscalationSeconds = 10;
        alarms.BedSettlingSeconds = 2;
        alarms.Vitals.SustainSeconds = 5;
        alarms.SignalLost.HoldSeconds = 5;
        alarms.Apnea.ApneaSeconds = 10;
        alarms.Apnea.ResumeHoldSeconds = 2;
        alarms.BedExit.DelaySeconds = 3;
        alarms.CallEscalation.EscalationSeconds = [2, 4];
        alarms.Stock.HoldSeconds = 6;
        alarms.PipeBurst.RecoveryHoldSeconds = 0;
        alarms.PipeBurst.Pipes =
        [
            new PipeOptions { Id = MainId, UpstreamDeviceId = UpstreamId, DownstreamDeviceId = DownstreamId, LengthM = 1000, WaveSpeedMps = 1200, SamplingIntervalMs = 100 },
        ];
        alarms.Thresholds =
        [
            new ThresholdAlarmOptions { Name = OxygenAlarmName, DeviceId = OxygenId, Field = "pressureKpa", LowLimit = OxygenLowLimitKpa, Hysteresis = 10, SustainSeconds = 1 },
        ];
        alarms.Relays =
        [
            new RelayOptions { Name = "buzzer", Chip = 0, Line = BuzzerLine, Priorities = [AlarmPriority.High], Until = RelayHold.Acknowledged },
        ];
    }

    /// <summary>Runs the devices (sensor frames, transmitter values) until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        RestartFrames(cancellationToken);
        await Task.WhenAll(Quietly(_pipe.RunAsync(TimeSpan.FromMilliseconds(10), cancellationToken)), Quietly(OxygenAsync(cancellationToken)));
        Task frames;
        lock (_gate)
        {
            frames = _frameLoops;
        }

        await frames;
    }

    /// <summary>
    /// Restarts both bed sensors' frame clocks now, so that their frames come every second from now on, together:
    /// the script times what it does to the beds on these frames.
    /// </summary>
    public void RestartFrames(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _frames?.Cancel();
            _frames?.Dispose();
            _frames = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            _frameLoops = Task.WhenAll(_frameLoops, Quietly(_beds[BedId].RunAsync(_frames.Token)), Quietly(_beds[SecondBedId].RunAsync(_frames.Token)));
        }
    }

    /// <summary>What the sensor under <paramref name="bedId"/> sees from its next frame on (or that its cable is pulled).</summary>
    public void SetBed(string bedId, MattressCondition condition) => _beds[bedId].Condition = condition;

    public Task PressCallAsync(CancellationToken cancellationToken) => ContactAsync(CallLine, cancellationToken);

    public Task CancelCallAsync(CancellationToken cancellationToken) => ContactAsync(CancelLine, cancellationToken);

    /// <summary>The MQTT button's press, as JSON.</summary>
    public Task PressMqttCallAsync(CancellationToken cancellationToken) => PublishAsync("""{"event":"pressed"}""", cancellationToken);

    /// <summary>The MQTT button's cancel, as plain text (the driver takes both).</summary>
    public Task CancelMqttCallAsync(CancellationToken cancellationToken) => PublishAsync("cancelled", cancellationToken);

    /// <summary>Bursts the main somewhere between 200 and 800 m from its upstream end, by 60 to 150 kPa (drawn from the seed).</summary>
    public double BurstMain()
    {
        var position = Math.Round(200 + (_bursts.NextDouble() * 600));
        _pipe.TriggerBurst(position, Math.Round(60 + (_bursts.NextDouble() * 90)));
        return position;
    }

    public void RepairMain() => _pipe.Repair();

    /// <summary>The oxygen supply starts failing: its pressure falls slowly from nominal to <see cref="OxygenFloorKpa"/>.</summary>
    public void FailOxygen()
    {
        lock (_gate)
        {
            _oxygenFallingSince = _time.GetUtcNow();
        }
    }

    /// <summary>The manifold changes over to the reserve: nominal pressure again.</summary>
    public void RestoreOxygen()
    {
        lock (_gate)
        {
            _oxygenFallingSince = null;
        }
    }

    public void TakeFromShelf(IEnumerable<byte[]> epcs)
    {
        ArgumentNullException.ThrowIfNull(epcs);
        foreach (var epc in epcs)
        {
            _reader.RemoveTag(1, epc);
        }
    }

    public void PutOnShelf(IEnumerable<byte[]> epcs)
    {
        ArgumentNullException.ThrowIfNull(epcs);
        foreach (var epc in epcs)
        {
            var hex = Convert.ToHexString(epc);
            if (!_reader.Tags.Any(t => t.AntennaId == 1 && t.EpcHex == hex))
            {
                _reader.AddTag(1, epc);
            }
        }
    }

    /// <summary>Back to the morning: both patients in bed and well, calls cancelled, main intact, oxygen nominal, the shelf as delivered.</summary>
    public void StartDay()
    {
        SetBed(BedId, MattressCondition.InBedNormal);
        SetBed(SecondBedId, MattressCondition.InBedNormal);
        RepairMain();
        RestoreOxygen();
        TakeFromShelf(Shelf.Restock);
        PutOnShelf(Shelf.Initial);
    }

    public async ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            _frames?.Dispose();
        }

        if (_button is not null)
        {
            try
            {
                if (_button.IsConnected)
                {
                    await _button.DisconnectAsync();
                }
            }
            catch (MqttCommunicationException)
            {
                // The embedded broker stopped with the host first: there is no one to say goodbye to.
            }

            _button.Dispose();
        }

        foreach (var bed in _beds.Values)
        {
            bed.Dispose();
        }

        await _reader.DisposeAsync();
        await _tcpLine.DisposeAsync();
        await _rtuLine.DisposeAsync();
    }

    private DeviceOptions Bed(string id, string room, string bed, int silenceTimeoutSeconds, VitalsLimitOverrides? limits) => new()
    {
        Id = id,
        Type = DeviceType.Mattress,
        Location = new LocationOptions { Ward = "3A", Room = room, Bed = bed },
        SilenceTimeoutSeconds = silenceTimeoutSeconds,
        VitalsLimits = limits,

        // A replugged sensor is back within half a second, so the device-silent alarm clears promptly.
        Mattress = new MattressOptions { Port = _beds[id].PortPath, ReconnectInitialDelayMs = 250, ReconnectMaxDelayMs = 500 },
    };

    private static DeviceOptions Transmitter(string id, string zone, ModbusDeviceOptions modbus)
    {
        modbus.PollIntervalMs = 100;
        modbus.TimeoutMs = 200;
        modbus.Points = [new ModbusPointOptions { Name = ModbusDevice.PressurePoint, Function = 3, Address = 0, Type = RegisterType.Float32, Unit = "kPa" }];
        return new DeviceOptions
        {
            Id = id,
            Type = DeviceType.Pressure,
            Location = new LocationOptions { Zone = zone },
            SilenceTimeoutSeconds = 5,
            Modbus = modbus,
        };
    }

    private async Task OxygenAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100), _time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            UpdateOxygen();
        }
    }

    private void UpdateOxygen()
    {
        double kpa;
        lock (_gate)
        {
            var falling = _oxygenFallingSince is { } since ? (_time.GetUtcNow() - since).TotalSeconds * OxygenFallKpaPerSecond : 0;
            kpa = Math.Max(OxygenFloorKpa, OxygenNominalKpa - falling) + ((_oxygenNoise.NextDouble() * 2) - 1) * 0.3;
        }

        _oxygen.SetValue(input: false, 0, kpa, RegisterType.Float32, WordOrder.ABCD);
    }

    private async Task PublishAsync(string payload, CancellationToken cancellationToken)
    {
        if (_button is not { IsConnected: true })
        {
            _button?.Dispose();
            _button = new MqttClientFactory().CreateMqttClient();
            await _button.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _brokerPort).WithClientId($"demo-button-{MqttCallButtonId}").Build(), cancellationToken);
        }

        await _button.PublishAsync(
            new MqttApplicationMessageBuilder().WithTopic(MqttCallButtonTopic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            cancellationToken);
    }

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

    /// <summary>The store-room shelf's SGTIN-96 tags (GS1 company prefix 0614141).</summary>
    public static class Shelf
    {
        /// <summary>Saline of the lot near expiry (serials 1-2) and of the expired lot (serial 3).</summary>
        public static IReadOnlyList<byte[]> Expiring { get; } = [.. Saline(1, 3)];

        /// <summary>As delivered in the morning: seven saline bags (three of them expiring) and four dressings.</summary>
        public static IReadOnlyList<byte[]> Initial { get; } = [.. Saline(1, 7), .. Enumerable.Range(101, 4).Select(s => Sgtin96Encoder.Encode(DressingGtin, 7, (ulong)s))];

        /// <summary>Fresh saline the porter brings when the shelf runs short.</summary>
        public static IReadOnlyList<byte[]> Restock { get; } = [.. Saline(8, 2)];

        private static IEnumerable<byte[]> Saline(int first, int count) =>
            Enumerable.Range(first, count).Select(s => Sgtin96Encoder.Encode(SalineGtin, 7, (ulong)s));
    }
}
