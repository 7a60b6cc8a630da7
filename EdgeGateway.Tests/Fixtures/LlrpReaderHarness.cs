using EdgeGateway.Drivers;
using EdgeGateway.Drivers.Epc;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Drivers.Llrp.Emulation;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>An emulated reader on loopback and the driver connected to it, with the driver's events, logs and counters.</summary>
public sealed class LlrpReaderHarness : IAsyncDisposable
{
    public const string DeviceId = "store-room-reader";

    public static readonly byte[] Gauze = Sgtin96Encoder.Encode("80614141123458", 7, 6789);
    public static readonly byte[] Syringe = Sgtin96Encoder.Encode("80614141123458", 7, 6790);
    public static readonly byte[] Catheter = Convert.FromHexString(LlrpVectors.Sgtin198Example);

    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public LlrpReaderHarness(TimeProvider timeProvider, Action<LlrpReaderOptions>? configure = null, int reportPeriodMs = 50)
    {
        TimeProvider = timeProvider;
        Emulator = new LlrpReaderEmulator(new LlrpReaderEmulatorOptions { ReportPeriodMs = reportPeriodMs, ManufacturerId = 25882, FirmwareVersion = "emulated-1.0" }, timeProvider);
        Emulator.Start();
        Emulator.AddTag(1, Gauze);
        Emulator.AddTag(1, Syringe);
        Emulator.AddTag(2, Catheter, 198);
        Options = new LlrpReaderOptions
        {
            Host = "127.0.0.1",
            Port = Emulator.Port,
            Antennas = [1, 2],
            KeepaliveIntervalMs = 100,
            ReportEveryNTags = 10,
            ReconnectMinDelayMs = 10,
            ReconnectMaxDelayMs = 40,
        };
        configure?.Invoke(Options);
        Driver = new LlrpReaderDriver(DeviceId, Options, new DriverMetrics(Meters), new LlrpMetrics(Meters), Logger, timeProvider);
    }

    public TimeProvider TimeProvider { get; }
    public LlrpReaderEmulator Emulator { get; }
    public LlrpReaderOptions Options { get; }
    public LlrpReaderDriver Driver { get; }
    public DeviceEventSink Events { get; } = new();
    public RecordingMeterFactory Meters { get; } = new();
    public LlrpTestLogger<LlrpReaderDriver> Logger { get; } = new();

    public void Start() => _run = Driver.RunAsync(Events, _stop.Token);

    /// <summary>Cancels the driver and waits for it to return (it must not throw).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await Emulator.DisposeAsync();
        Meters.Dispose();
        _stop.Dispose();
    }
}
