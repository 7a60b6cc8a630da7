using System.Device.Gpio;
using System.Diagnostics;
using System.Net;
using EdgeGateway.Cli;
using EdgeGateway.Configuration;
using EdgeGateway.Devices;
using EdgeGateway.Engine;
using EdgeGateway.Hosting;
using EdgeGateway.Outbox;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;

namespace EdgeGateway.Demo;

/// <summary>
/// Runs the real daemon (same host, outbox, engine, broker, forwarder) on simulated devices, forwarding to
/// its own embedded broker as the "cloud", and shows what happens.
/// </summary>
internal sealed class DemoRunner(bool json, int seed)
{
    public const string GatewayId = "demo-ward";
    public const string CloudPrefix = "cloud";

    public async Task<int> RunAsync(TimeSpan? duration, string? dataDir, CancellationToken cancellationToken)
    {
        dataDir ??= Directory.CreateTempSubdirectory("edgegw-demo-").FullName;
        var brokerPort = LoopbackPorts.Free(IPAddress.Loopback);
        dataDir = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(dataDir);
        await using var ward = new DemoWard(dataDir, TimeProvider.System, seed, brokerPort);
        var options = Options(dataDir, brokerPort);
        options.Devices.AddRange(ward.Devices());
        DemoWard.CompressTime(options.Alarms);
        var validation = GatewayConfigLoader.Validate(options);
        if (!validation.IsValid)
        {
            await ConfigCommands.WriteErrorsAsync("demo configuration", validation.Errors);
            return ExitCodes.InvalidConfig;
        }

        var console = new DemoConsole(json, TimeProvider.System);
        using var host = GatewayHost.Build(options, services =>
        {
            services.AddSingleton<IAlarmAnnunciator>(console);
            services.AddSingleton<GpioControllerFactory>(_ => new GpioController(ward.Gpio));
        }, LogLevel.Warning);
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"edgegw demo: {e.Message}");
            return ExitCodes.Failed;
        }

        var ready = await host.Services.GetRequiredService<GatewayReadiness>().Ready;
        console.Note($"edgegw demo ready in {ready.TotalMilliseconds:0} ms; data dir {dataDir}");
        console.Note($"embedded broker mqtt://127.0.0.1:{brokerPort} (readings edgegw/{GatewayId}/readings/#, alarms edgegw/{GatewayId}/alarms/#, forwarded {CloudPrefix}/#)");
        console.Note($"try: edgegw status --socket {options.Admin.SocketPath}");
        console.Note($"     edgegw catalog import {Path.Combine(dataDir, DemoWard.CatalogFileName)} --socket {options.Admin.SocketPath}, then edgegw stock --socket {options.Admin.SocketPath}");

        var cloud = await CloudViewer.ConnectAsync(brokerPort, cancellationToken);
        var lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, lifetime.ApplicationStopping);
        var simulation = ward.RunAsync(stop.Token);
        try
        {
            await Task.Delay(duration ?? Timeout.InfiniteTimeSpan, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: stop as the daemon does.
        }

        await stop.CancelAsync();
        await simulation;
        var outbox = host.Services.GetRequiredService<OutboxStore>();
        await cloud.DisposeAsync();
        await host.StopAsync(CancellationToken.None);
        using var process = Process.GetCurrentProcess();
        console.Note($"stopped: {console.Readings} readings, {console.Transitions} alarm transitions, {cloud.Received} messages reached the cloud, " +
            $"{outbox.Depth} left in the outbox; peak RSS {process.PeakWorkingSet64 / (1024 * 1024)} MB");
        return ExitCodes.Ok;
    }

    private static GatewayOptions Options(string dataDir, int brokerPort) => new()
    {
        Gateway = new GatewaySection { Id = GatewayId, Site = "Demo Hospital", DataDir = dataDir },
        Admin = new AdminOptions { SocketPath = Path.Combine(dataDir, "admin.sock") },
        Metrics = new MetricsOptions { Port = 0 },
        LocalBroker = new LocalBrokerOptions { Port = brokerPort },
        Cloud = new CloudOptions
        {
            Kind = CloudKind.Mqtt,
            Mqtt = new MqttCloudOptions { Host = "127.0.0.1", Port = brokerPort, Tls = false, TopicPrefix = CloudPrefix, ProtocolVersion = "5", ClientId = "demo-ward-uplink" },
        },
    };

    /// <summary>Stands in for the cloud dashboard: counts what the forwarder delivered.</summary>
    private sealed class CloudViewer : IAsyncDisposable
    {
        private readonly IMqttClient _client;
        private long _received;

        private CloudViewer(IMqttClient client) => _client = client;

        public long Received => Interlocked.Read(ref _received);

        public static async Task<CloudViewer> ConnectAsync(int port, CancellationToken cancellationToken)
        {
            var factory = new MqttClientFactory();
            var viewer = new CloudViewer(factory.CreateMqttClient());
            viewer._client.ApplicationMessageReceivedAsync += _ =>
            {
                Interlocked.Increment(ref viewer._received);
                return Task.CompletedTask;
            };
            await viewer._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("demo-cloud-viewer").Build(), cancellationToken);
            await viewer._client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter($"{CloudPrefix}/#").Build(), cancellationToken);
            return viewer;
        }

        public async ValueTask DisposeAsync()
        {
            if (_client.IsConnected)
            {
                await _client.DisconnectAsync();
            }

            _client.Dispose();
        }
    }
}
