using EdgeGateway.Admin;
using EdgeGateway.Alarms;
using EdgeGateway.Cloud;
using EdgeGateway.Configuration;
using EdgeGateway.Devices;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Engine;
using EdgeGateway.LocalBroker;
using EdgeGateway.Metrics;
using EdgeGateway.Outbox;
using EdgeGateway.Stock;
using EdgeGateway.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Hosting;

/// <summary>
/// Wires the daemon as design.md §2 draws it, as a generic host with systemd integration (Type=notify:
/// READY=1 once every service below has started). Services start in this order and stop in reverse,
/// so on SIGTERM drivers stop first, the engine drains, and the outbox flushes last.
/// </summary>
public static class GatewayHost
{
    public static IHost Build(GatewayOptions options, Action<IServiceCollection>? configure = null, LogLevel minimumLevel = LogLevel.Information)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        // Logs go to stderr (the journal under systemd), so stdout stays the program's own output (demo --json).
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.AddSimpleConsole(console =>
        {
            console.SingleLine = true;
            console.TimestampFormat = "HH:mm:ss.fff ";
            console.UseUtcTimestamp = true;
        });
        builder.Logging.SetMinimumLevel(minimumLevel);
        builder.Services.AddSystemd();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = TimeSpan.FromSeconds(10));
        builder.Services.AddMetrics();
        AddGateway(builder.Services, options);
        configure?.Invoke(builder.Services);
        return builder.Build();
    }

    private static void AddGateway(IServiceCollection services, GatewayOptions options)
    {
        var gateway = options.Gateway;
        var devices = options.Devices.Select(d => new DeviceInfo(d.Id, d.Type, d.Location)).ToList();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(options);
        services.AddSingleton(options.LocalBroker);
        services.AddSingleton(options.Metrics);
        services.AddSingleton(options.Admin);
        services.AddSingleton<GatewayReadiness>();
        services.AddSingleton<MetricsCollector>();
        services.AddSingleton<DriverMetrics>();
        services.AddSingleton<LlrpMetrics>();
        services.AddSingleton<ModbusMetrics>();
        services.TryAddSingleton<GpioControllerFactory>(CallButtonDriver.OpenChip);
        services.AddSingleton<DeviceDrivers>();
        foreach (var device in options.Devices.Where(d => d.Modbus is null))
        {
            services.AddSingleton(sp => sp.GetRequiredService<DeviceDrivers>().Create(device));
        }

        foreach (var line in ModbusLines.Group(GatewayConfigLoader.ModbusDevices(options)))
        {
            services.AddSingleton(sp => sp.GetRequiredService<DeviceDrivers>().CreateModbusLine(line));
        }

        services.AddSingleton<OutboxMetrics>();
        services.AddSingleton(new OutboxSettings(gateway.DataDir, gateway.Id)
        {
            QuotaBytes = options.Outbox.QuotaBytes,
            ReadingTtl = TimeSpan.FromSeconds(options.Outbox.ReadingTtlSeconds),
            MaxBatch = options.Outbox.MaxBatch,
            CommitInterval = TimeSpan.FromMilliseconds(options.Outbox.CommitIntervalMs),
            PendingCapacity = options.Outbox.PendingCapacity,
        });
        services.AddSingleton<OutboxStore>();
        services.AddSingleton(new TelemetryWriter(gateway.Id, gateway.Site, devices));
        services.AddSingleton(new DeviceRegistry(devices));
        // Call buttons and beds take the engine's urgent lane: their alarms must not wait behind queued tag reads or pressure samples.
        var urgentDevices = options.Devices.Where(d => d.Type is DeviceType.CallButton or DeviceType.Mattress).Select(d => d.Id).ToList();
        services.AddSingleton(sp => new ReadingChannel(gateway.ReadingQueueCapacity, urgentDevices, sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton(sp => new AlarmEngine(
            AlarmRules(options, sp.GetRequiredService<TimeProvider>().GetUtcNow(), sp.GetRequiredService<RemoteAlarmSettings>(), sp.GetRequiredService<StockTracker>(), sp.GetRequiredService<CatalogStore>()),
            options.Alarms.UnacknowledgedEscalationSeconds is { } escalation ? TimeSpan.FromSeconds(escalation) : null));
        services.AddSingleton<EmbeddedBroker>();
        services.AddSingleton(sp => new LocalAnnunciator(sp.GetRequiredService<EmbeddedBroker>(), gateway.Id, sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(), sp.GetRequiredService<ILogger<LocalAnnunciator>>()));
        services.AddSingleton<IAlarmAnnunciator>(sp => sp.GetRequiredService<LocalAnnunciator>());
        services.AddSingleton(new StockTracker(new StockPlan(options.Devices)));
        services.AddSingleton<IAlarmAnnunciator, StockObserver>();
        services.AddSingleton(sp => new CatalogStore(gateway.DataDir, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<CatalogStore>>()));
        services.AddSingleton<StockAdminCommands>();
        services.AddSingleton<EngineService>();
        services.AddSingleton<CloudStatus>();
        services.AddSingleton(new RemoteAlarmSettings(options.Devices.Select(d => d.Id)));
        services.AddSingleton(new ForwarderSettings(options.Cloud.Mqtt?.MaxInFlight ?? options.Cloud.IotHub?.MaxInFlight ?? 32)
        {
            MaxRefusals = options.Cloud.MaxRefusals,
            MaxBackoff = TimeSpan.FromSeconds(options.Cloud.ReconnectMaxDelaySeconds),
            MaxMessagesPerSecond = options.Cloud.IotHub?.MaxMessagesPerSecond ?? 0,
        });
        services.AddSingleton(sp => new ForwarderService(
            CloudSink(options, sp),
            sp.GetRequiredService<OutboxStore>(),
            sp.GetRequiredService<CloudStatus>(),
            sp.GetRequiredService<ForwarderSettings>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>(),
            sp.GetRequiredService<ILogger<ForwarderService>>()));
        services.AddSingleton(sp => new AdminCommands(gateway.Id, sp.GetRequiredService<DeviceRegistry>(), sp.GetRequiredService<EngineService>(),
            sp.GetRequiredService<OutboxStore>(), sp.GetRequiredService<CloudStatus>(), sp.GetRequiredService<MetricsCollector>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<StockAdminCommands>()));
        if (options.Alarms.Relays.Count > 0)
        {
            services.AddSingleton<IAlarmAnnunciator>(sp => new RelayAnnunciator(options.Alarms.Relays, sp.GetRequiredService<GpioControllerFactory>(), sp.GetRequiredService<ILogger<RelayAnnunciator>>()));
        }

        services.AddSingleton<AlarmWatchers>();
        services.AddSingleton<IAlarmAnnunciator>(sp => sp.GetRequiredService<AlarmWatchers>());
        services.AddSingleton<AdminSocketServer>();
        services.AddSingleton<PrometheusEndpoint>();

        // The admin socket first: a second daemon on the same box is refused before it touches the outbox.
        services.AddHostedService(sp => sp.GetRequiredService<AdminSocketServer>());
        services.AddHostedService<OutboxHostedService>();
        services.AddHostedService(sp => sp.GetRequiredService<CatalogStore>());
        services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        services.AddHostedService(sp => sp.GetRequiredService<LocalAnnunciator>());
        services.AddHostedService(sp => sp.GetRequiredService<EngineService>());
        services.AddHostedService<DriverHostService>();
        services.AddHostedService(sp => sp.GetRequiredService<ForwarderService>());
        services.AddHostedService(sp => sp.GetRequiredService<PrometheusEndpoint>());
        services.AddHostedService<ReadinessReporter>();
    }

    private static ICloudSink? CloudSink(GatewayOptions options, IServiceProvider services) => options.Cloud.Kind switch
    {
        CloudKind.Mqtt => new MqttCloudSink(options.Cloud.Mqtt!, options.Gateway.Id),
        CloudKind.IotHub => new IotHubCloudSink(options.Cloud.IotHub!, options.Gateway.Id, services.GetRequiredService<TimeProvider>(), services.GetRequiredService<RemoteAlarmSettings>(),
            async ct => AdminJson.ToElement(new HubStatusAnswer(options.Gateway.Id, services.GetRequiredService<CloudStatus>().Snapshot(), await services.GetRequiredService<OutboxStore>().GetStatsAsync(ct))),
            async (alarmId, by, ct) => AdminJson.ToElement(await services.GetRequiredService<EngineService>().AcknowledgeAsync(alarmId, by, ct)),
            services.GetRequiredService<ILogger<IotHubCloudSink>>()),
        _ => null,
    };

    private static List<IAlarmRule> AlarmRules(GatewayOptions options, DateTimeOffset start, RemoteAlarmSettings remote, StockTracker stock, CatalogStore catalog)
    {
        var rules = new List<IAlarmRule>();
        if (options.Alarms.Stock.Enabled)
        {
            rules.Add(new StockBelowMinimumRule(stock, () => catalog.Current, options.Alarms.Stock.Priority, TimeSpan.FromSeconds(options.Alarms.Stock.HoldSeconds)));
        }

        if (options.Alarms.LotExpiry.Enabled)
        {
            rules.Add(new LotExpiryRule(stock, () => catalog.Current, options.Alarms.LotExpiry.NearExpiryDays, options.Alarms.LotExpiry.NearPriority));
        }

        var silent = options.Alarms.DeviceSilent;
        if (silent.Enabled)
        {
            // A call button is silent until pressed: it is watched only when its config asks for it.
            var timeouts = options.Devices
                .Where(d => d.Type != DeviceType.CallButton || d.SilenceTimeoutSeconds is not null)
                .Select(d => KeyValuePair.Create(d.Id, TimeSpan.FromSeconds(d.SilenceTimeoutSeconds ?? silent.DefaultTimeoutSeconds)));
            // The twin may change allowed silences: its per-device value wins; its default applies to devices
            // without their own silenceTimeoutSeconds in the config file.
            var ownTimeout = options.Devices.Where(d => d.SilenceTimeoutSeconds is not null).Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
            rules.Add(new DeviceSilentRule(timeouts, silent.Priority, start, id =>
                remote.TryGetDeviceSilence(id, out var seconds) ? TimeSpan.FromSeconds(seconds)
                : !ownTimeout.Contains(id) && remote.DefaultSilenceSeconds is { } fallback ? TimeSpan.FromSeconds(fallback)
                : null));
        }

        var alarms = options.Alarms;
        var settling = TimeSpan.FromSeconds(alarms.BedSettlingSeconds);
        if (alarms.Apnea.Enabled)
        {
            rules.Add(new ApneaRule(TimeSpan.FromSeconds(alarms.Apnea.ApneaSeconds), TimeSpan.FromSeconds(alarms.Apnea.ResumeHoldSeconds), TimeSpan.FromSeconds(alarms.Apnea.GapToleranceSeconds)));
        }

        if (alarms.CallEscalation.Enabled)
        {
            rules.Add(new CallEscalationRule(alarms.CallEscalation.Priority, alarms.CallEscalation.EscalationSeconds.Select(s => TimeSpan.FromSeconds(s))));
        }

        if (alarms.BedExit.Enabled)
        {
            rules.Add(new BedExitRule(TimeSpan.FromSeconds(alarms.BedExit.DelaySeconds), alarms.BedExit.Priority));
        }

        if (alarms.Vitals.Enabled)
        {
            var ward = alarms.Vitals.Limits;
            VitalsLimits Limits(VitalsLimitOverrides? own) => new(
                new AlarmLimits(own?.HrLowBpm ?? ward.HrLowBpm, own?.HrHighBpm ?? ward.HrHighBpm, ward.HrHysteresisBpm),
                new AlarmLimits(own?.RrLowBrpm ?? ward.RrLowBrpm, own?.RrHighBrpm ?? ward.RrHighBrpm, ward.RrHysteresisBrpm));
            var perBed = options.Devices.Where(d => d.VitalsLimits is not null).ToDictionary(d => d.Id, d => Limits(d.VitalsLimits), StringComparer.Ordinal);
            rules.Add(new VitalsRule(Limits(null), perBed, TimeSpan.FromSeconds(alarms.Vitals.SustainSeconds), TimeSpan.FromSeconds(alarms.Vitals.MaxGapSeconds), settling, alarms.Vitals.Priority));
        }

        if (alarms.SignalLost.Enabled)
        {
            rules.Add(new SignalLostRule(TimeSpan.FromSeconds(alarms.SignalLost.HoldSeconds), settling, alarms.SignalLost.Priority));
        }

        if (alarms.PipeBurst.Enabled)
        {
            var burst = alarms.PipeBurst;
            int PollMs(string id) => options.Devices.First(d => d.Id == id).Modbus!.PollIntervalMs;
            var pipes = burst.Pipes.Select(p => new PipePair(p.Id, p.UpstreamDeviceId, p.DownstreamDeviceId, p.LengthM, p.WaveSpeedMps,
                TimeSpan.FromMilliseconds(p.SamplingIntervalMs ?? Math.Max(PollMs(p.UpstreamDeviceId), PollMs(p.DownstreamDeviceId)))));
            rules.Add(new PipeBurstRule(burst.DropThresholdKpa, TimeSpan.FromMilliseconds(burst.WindowMs), TimeSpan.FromSeconds(burst.RecoveryHoldSeconds), burst.Priority, pipes));
        }

        if (alarms.Thresholds.Count > 0)
        {
            rules.Add(new ThresholdRule(alarms.Thresholds.Select(t => new ThresholdPoint(t.Name, t.DeviceId, t.Field,
                new AlarmLimits(t.LowLimit, t.HighLimit, t.Hysteresis), TimeSpan.FromSeconds(t.SustainSeconds), t.Priority))));
        }

        return rules;
    }
}
