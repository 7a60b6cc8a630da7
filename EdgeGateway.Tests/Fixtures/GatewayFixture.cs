using System.Device.Gpio;
using EdgeGateway.Configuration;
using EdgeGateway.Devices;
using EdgeGateway.Drivers;
using EdgeGateway.Engine;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.Hosting;
using EdgeGateway.LocalBroker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// The real daemon host in-process on temp dirs and free loopback ports, forwarding to its own embedded
/// broker as the cloud; call buttons sit on a simulated GPIO chip behind the real GpioController.
/// </summary>
public sealed class GatewayFixture : IAsyncDisposable
{
    public const string GatewayId = "gw-test";
    public const string CloudPrefix = "cloud";

    private readonly TempDirectory _dir;

    private GatewayFixture(GatewayOptions options, TempDirectory dir)
    {
        Options = options;
        _dir = dir;
    }

    public GatewayOptions Options { get; }

    /// <summary>The simulated GPIO chip; a restart brings a fresh one, as a reboot resets the lines.</summary>
    public SimulatedGpioDriver Gpio { get; private set; } = null!;

    public IHost Host { get; private set; } = null!;

    public int BrokerPort => Host.Services.GetRequiredService<EmbeddedBroker>().Port;

    public string SocketPath => Options.Admin.SocketPath;

    public static async Task<GatewayFixture> StartAsync(Action<GatewayOptions>? configure = null, bool cloud = true)
    {
        var dir = new TempDirectory();
        var brokerPort = LoopbackPorts.Free(System.Net.IPAddress.Loopback);
        var options = new GatewayOptions
        {
            Gateway = new GatewaySection { Id = GatewayId, DataDir = dir.File("data") },
            Admin = new AdminOptions { SocketPath = dir.File("admin.sock") },
            Metrics = new MetricsOptions { Port = 0 },
            LocalBroker = new LocalBrokerOptions { Port = brokerPort },
            Cloud = cloud
                ? new CloudOptions { Kind = CloudKind.Mqtt, Mqtt = new MqttCloudOptions { Host = "127.0.0.1", Port = brokerPort, Tls = false, TopicPrefix = CloudPrefix, ClientId = "uplink" } }
                : new CloudOptions(),
        };
        configure?.Invoke(options);
        var validation = GatewayConfigLoader.Validate(options);
        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        var fixture = new GatewayFixture(options, dir);
        await fixture.BuildAndStartAsync();
        return fixture;
    }

    /// <summary>
    /// Stops the daemon (as SIGTERM does) and starts a new one on the same data dir and ports, with the same
    /// configuration or one changed by <paramref name="reconfigure"/>.
    /// </summary>
    public async Task RestartAsync(Action<GatewayOptions>? reconfigure = null)
    {
        await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
        reconfigure?.Invoke(Options);
        var validation = GatewayConfigLoader.Validate(Options);
        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        await BuildAndStartAsync();
    }

    private async Task BuildAndStartAsync()
    {
        var gpio = new SimulatedGpioDriver();
        foreach (var button in Options.Devices.Where(d => d.Gpio is not null))
        {
            // Dry contacts with pull-ups: idle high, pressed low.
            gpio.SetInput(button.Gpio!.Line, PinValue.High);
            if (button.Gpio.CancelLine is { } cancel)
            {
                gpio.SetInput(cancel, PinValue.High);
            }
        }

        Gpio = gpio;
        Host = GatewayHost.Build(Options, services => services.AddSingleton<GpioControllerFactory>(_ => new GpioController(gpio)), LogLevel.Warning);
        await Host.StartAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>A call button on the simulated chip, debounced by 10 ms.</summary>
    public static DeviceOptions CallButton(string id, int line, int? silenceTimeoutSeconds = null) => new()
    {
        Id = id,
        Type = DeviceType.CallButton,
        Location = new LocationOptions { Ward = "3A", Bed = "1" },
        SilenceTimeoutSeconds = silenceTimeoutSeconds,
        Gpio = new CallButtonOptions { Line = line, DebounceMs = 10, LongPressCancelMs = 60_000 },
    };

    /// <summary>Waits until a device's driver reports it online (its driver runs on its own task after start).</summary>
    public async Task WaitOnlineAsync(string deviceId)
    {
        var registry = Host.Services.GetRequiredService<DeviceRegistry>();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(10));
        while (registry.Snapshot(DateTimeOffset.UtcNow).Single(d => d.Id == deviceId).State != DeviceState.Online)
        {
            await Task.Delay(10, limit.Token);
        }
    }

    public async Task PressAsync(int line)
    {
        Gpio.SetInput(line, PinValue.Low);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Gpio.SetInput(line, PinValue.High);
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync(CancellationToken.None);
        Host.Dispose();
        _dir.Dispose();
    }
}
