using System.Diagnostics.Metrics;
using EdgeGateway.Alarms;
using EdgeGateway.Drivers;
using EdgeGateway.Outbox;
using EdgeGateway.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Engine;

/// <summary>
/// The single consumer of the reading channel (design.md §2): records device state, runs the alarm
/// rules, announces transitions locally first, then queues readings, status changes and alarms for the
/// outbox without waiting on the disk.
/// </summary>
public sealed partial class EngineService : BackgroundService
{
    public static readonly TimeSpan TickInterval = TimeSpan.FromMilliseconds(250);

    private readonly ReadingChannel _channel;
    private readonly AlarmEngine _engine;
    private readonly DeviceRegistry _registry;
    private readonly TelemetryWriter _telemetry;
    private readonly OutboxStore _outbox;
    private readonly IAlarmAnnunciator[] _annunciators;
    private readonly TimeProvider _time;
    private readonly ILogger<EngineService> _logger;
    private readonly Histogram<double> _alarmLatency;
    private readonly Counter<long> _transitions;
    private readonly List<AlarmTransition> _pending = [];
    private readonly Lock _activeGate = new();
    private IReadOnlyList<ActiveAlarm> _active = [];
    private ITimer? _ticker;

    public EngineService(
        ReadingChannel channel,
        AlarmEngine engine,
        DeviceRegistry registry,
        TelemetryWriter telemetry,
        OutboxStore outbox,
        IEnumerable<IAlarmAnnunciator> annunciators,
        TimeProvider time,
        IMeterFactory meterFactory,
        ILogger<EngineService> logger)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _channel = channel;
        _engine = engine;
        _registry = registry;
        _telemetry = telemetry;
        _outbox = outbox;
        _annunciators = [.. annunciators];
        _time = time;
        _logger = logger;
        var meter = meterFactory.Create(DriverMetrics.MeterName);
        _alarmLatency = meter.CreateHistogram<double>("edgegw.engine.alarm_latency", "ms", "From a reading's arrival at the engine to its alarm being announced locally");
        _transitions = meter.CreateCounter<long>("edgegw.alarms.transitions", "{transition}", "Alarm transitions, by type and state");
        meter.CreateObservableGauge("edgegw.alarms.active", () => ActiveAlarms.Count, "{alarm}", "Alarms raised and not cleared");
        _restored = meter.CreateCounter<long>("edgegw.alarms.restored", "{alarm}", "Active alarms taken back at start after a restart, by type");
    }

    /// <summary>A consistent copy of the active alarms, for the admin socket.</summary>
    public IReadOnlyList<ActiveAlarm> ActiveAlarms
    {
        get
        {
            lock (_activeGate)
            {
                return _active;
            }
        }
    }

    /// <summary>Acknowledges an active alarm; the acknowledged transition is announced and forwarded like any other.</summary>
    public async Task<AlarmAcknowledgement> AcknowledgeAsync(string alarmId, string by, CancellationToken cancellationToken) =>
        await RunAsync((engine, now, transitions) =>
        {
            if (engine.Book.Active.All(a => a.AlarmId != alarmId))
            {
                throw new ArgumentException($"no active alarm {alarmId} (edgegw alarms lists them)");
            }

            var acknowledged = engine.Book.Acknowledge(alarmId, by, now) ?? throw new ArgumentException($"alarm {alarmId} is already acknowledged");
            transitions.Add(acknowledged);
            return new AlarmAcknowledgement(acknowledged.AlarmId, acknowledged.Type, acknowledged.Subject, acknowledged.State, acknowledged.AcknowledgedBy);
        }, cancellationToken);

    /// <summary>Arms or disarms a bed's bed-exit alarm (a patient who may get up, a bed being made).</summary>
    public async Task<BedArming> SetBedArmedAsync(string bed, bool armed, CancellationToken cancellationToken)
    {
        if (!_registry.Devices.Any(d => d.Id == bed && d.Type == Configuration.DeviceType.Mattress))
        {
            throw new ArgumentException($"no bed {bed}: beds are the devices of type \"mattress\" (edgegw devices lists them)");
        }

        return await RunAsync((engine, _, _) =>
        {
            var rule = engine.Rules.OfType<BedExitRule>().SingleOrDefault() ?? throw new ArgumentException("bed-exit alarms are off (alarms.bedExit.enabled is false)");
            rule.SetArmed(bed, armed);
            return new BedArming(bed, rule.IsArmed(bed));
        }, cancellationToken);
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await RestoreAlarmsAsync(cancellationToken);
        _ticker = _time.CreateTimer(_ => _channel.TryTick(_time.GetUtcNow()), null, TickInterval, TickInterval);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Drains what the drivers already queued before stopping, so a SIGTERM loses no reading.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_ticker is not null)
        {
            await _ticker.DisposeAsync();
        }

        _channel.Complete();
        if (ExecuteTask is { } running)
        {
            await running.WaitAsync(cancellationToken);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Drained to completion even when stopping (StopAsync completes the channel), so a SIGTERM loses no reading.
        while (await _channel.WaitToReadAsync(CancellationToken.None))
        {
            while (_channel.TryRead(out var deviceEvent))
            {
                Handle(deviceEvent);
            }
        }
    }

    private async Task<T> RunAsync<T>(Func<AlarmEngine, DateTimeOffset, ICollection<AlarmTransition>, T> run, CancellationToken cancellationToken)
        where T : class
    {
        var command = new EngineCommand(_time.GetUtcNow(), run);
        await _channel.WriteAsync(command, cancellationToken);
        return (T)await command.Done.Task.WaitAsync(cancellationToken);
    }

    private void Handle(DeviceEvent deviceEvent)
    {
        var now = _time.GetUtcNow();
        var started = _time.GetTimestamp();
        if (deviceEvent is EngineTick)
        {
            _engine.Tick(now, _pending);
        }
        else if (deviceEvent is EngineCommand command)
        {
            try
            {
                command.Done.TrySetResult(command.Run(_engine, now, _pending));
            }
            catch (ArgumentException e)
            {
                command.Done.TrySetException(e);
            }
        }
        else
        {
            _registry.Record(deviceEvent, now);
            _engine.Process(deviceEvent, now, _pending);
            foreach (var annunciator in _annunciators)
            {
                annunciator.Observe(deviceEvent);
            }

            var draft = deviceEvent switch
            {
                Reading reading => _telemetry.ReadingDraft(reading),
                DeviceStatusChange change => _telemetry.DeviceDraft(change),
                _ => null,
            };
            if (draft is not null)
            {
                _outbox.TryAppend(draft);
            }
        }

        if (_pending.Count == 0)
        {
            return;
        }

        foreach (var transition in _pending)
        {
            Publish(transition);
            _alarmLatency.Record(_time.GetElapsedTime(started).TotalMilliseconds);
        }

        TakePending();
    }

    /// <summary>A transition announced locally at once, counted, and queued for the cloud (durable at the next group commit, not waited for).</summary>
    private void Publish(AlarmTransition transition)
    {
        Announce(transition);
        _transitions.Add(1, new("type", transition.Type), new("state", TelemetryWriter.StateName(transition.State)));
        _outbox.TryAppend(_telemetry.AlarmDraft(transition));
    }

    /// <summary>Forgets the published transitions and refreshes the copy of the active alarms the admin socket reads.</summary>
    private void TakePending()
    {
        _pending.Clear();
        lock (_activeGate)
        {
            _active = _engine.Book.Active;
        }
    }

    private void Announce(AlarmTransition transition)
    {
        LogTransition(_logger, transition.Type, transition.Subject, TelemetryWriter.StateName(transition.State), TelemetryWriter.PriorityName(transition.Priority), transition.AlarmId);
        Annunciate(transition);
    }

    private void Annunciate(AlarmTransition transition)
    {
        foreach (var annunciator in _annunciators)
        {
            try
            {
                annunciator.Announce(transition);
            }
            catch (InvalidOperationException e)
            {
                LogAnnunciatorFailed(_logger, annunciator.GetType().Name, e.Message);
            }
        }
    }

    [LoggerMessage(EventId = 1200, Level = LogLevel.Warning, Message = "Alarm {Type} on {Subject} {State} (priority {Priority}, id {AlarmId})")]
    private static partial void LogTransition(ILogger logger, string type, string subject, string state, string priority, string alarmId);

    [LoggerMessage(EventId = 1201, Level = LogLevel.Error, Message = "Annunciator {Annunciator} failed: {Reason}")]
    private static partial void LogAnnunciatorFailed(ILogger logger, string annunciator, string reason);
}
