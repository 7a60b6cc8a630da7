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

namespace EdgeGateway.Demo;

/// <summary>
/// Runs the real daemon (same host, outbox, engine, broker, forwarder, admin socket) on the simulated ward,
/// forwarding to its own embedded broker as the "cloud", plays <see cref="DemoScript"/>'s ward day and shows
/// what happens; at the end, a table of the day's alarms.
/// </summary>
internal sealed class DemoRunner(bool json, int seed)
{
    public const string GatewayId = "demo-ward";
    public const string CloudPrefix = "cloud";

    private static readonly TimeSpan CloudCatchUp = TimeSpan.FromSeconds(5);

    public async Task<int> RunAsync(TimeSpan? duration, string? dataDir, CancellationToken cancellationToken)
    {
        var time = TimeProvider.System;
        dataDir ??= Directory.CreateTempSubdirectory("edgegw-demo-").FullName;
        var brokerPort = LoopbackPorts.Free(IPAddress.Loopback);
        dataDir = Path.GetFullPath(dataDir);
        Directory.CreateDirectory(dataDir);
        await using var ward = new DemoWard(dataDir, time, seed, brokerPort);
        var options = Options(dataDir, brokerPort);
        options.Devices.AddRange(ward.Devices());
        DemoWard.CompressTime(options.Alarms);
        var validation = GatewayConfigLoader.Validate(options);
        if (!validation.IsValid)
        {
            await ConfigCommands.WriteErrorsAsync("demo configuration", validation.Errors);
            return ExitCodes.InvalidConfig;
        }

        // The devices run before the daemon starts, as on a ward: frames are flowing when it opens its ports.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var devices = ward.RunAsync(stop.Token);
        var console = new DemoConsole(json, time, [.. options.Devices.Select(d => d.Id)], () => ward.BuzzerOn);
        var feed = new DemoFeed(time);
        using var host = GatewayHost.Build(options, services =>
        {
            services.AddSingleton<IAlarmAnnunciator>(feed);
            services.AddSingleton<IAlarmAnnunciator>(console);
            services.AddSingleton<GpioControllerFactory>(_ => new GpioController(ward.Gpio));

            // The timeline shows every alarm transition; the engine's own log line of each would only repeat it.
            services.AddLogging(logging => logging.AddFilter(typeof(EngineService).FullName, LogLevel.Error));
        }, LogLevel.Warning);
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (InvalidOperationException e)
        {
            await Console.Error.WriteLineAsync($"edgegw demo: {e.Message}");
            await stop.CancelAsync();
            await devices;
            return ExitCodes.Failed;
        }

        var ready = await host.Services.GetRequiredService<GatewayReadiness>().Ready;
        var socket = options.Admin.SocketPath;
        console.Note($"edgegw demo ready in {ready.TotalMilliseconds:0} ms (seed {seed}); data dir {dataDir}");
        console.Note($"embedded broker mqtt://127.0.0.1:{brokerPort} (readings edgegw/{GatewayId}/readings/#, alarms edgegw/{GatewayId}/alarms/#, forwarded {CloudPrefix}/#)");
        console.Note($"try: edgegw status --socket {socket}   edgegw alarms --watch --socket {socket}   edgegw stock --socket {socket}");

        var cloud = await DemoCloudViewer.ConnectAsync(brokerPort, $"{CloudPrefix}/#", cancellationToken);
        using var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(stop.Cancel);
        var script = new DemoScript(ward, feed, console, socket, Path.Combine(dataDir, DemoWard.CatalogFileName), time, host.Services.GetRequiredService<ILogger<DemoScript>>());
        var simulation = Task.WhenAll(devices, Quietly(script.RunAsync(stop.Token)));
        try
        {
            await Task.Delay(duration ?? Timeout.InfiniteTimeSpan, time, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C or SIGTERM: stop as the daemon does.
        }

        await stop.CancelAsync();
        await simulation;
        await CatchUpAsync(cloud, console, time);
        var outbox = host.Services.GetRequiredService<OutboxStore>();
        await cloud.DisposeAsync();
        await host.StopAsync(CancellationToken.None);
        using var process = Process.GetCurrentProcess();
        await console.FinishAsync(cloud, outbox.Depth, $"peak RSS {process.PeakWorkingSet64 / (1024 * 1024)} MB");
        return ExitCodes.Ok;
    }

    /// <summary>Gives the forwarder a moment to deliver the last alarm transitions, so the closing table counts them.</summary>
    private static async Task CatchUpAsync(DemoCloudViewer cloud, DemoConsole console, TimeProvider time)
    {
        var deadline = time.GetUtcNow() + CloudCatchUp;
        while (cloud.OfKind("alarm") < console.Transitions && time.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), time);
        }
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
}
