using System.Diagnostics.Metrics;
using EdgeGateway.Drivers;
using EdgeGateway.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace EdgeGateway.Cloud;

/// <summary>
/// Delivers the outbox to the cloud in order (design.md §2): reads after its cursor, keeps a bounded
/// window of unacknowledged publishes, deletes only what the broker acknowledged, and on any failure
/// reconnects with exponential backoff and jitter (Polly) and resends from the oldest unacknowledged
/// message. It runs apart from the engine: a dead broker never slows local alarms.
/// </summary>
public sealed partial class ForwarderService : BackgroundService
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(100);

    private readonly ICloudSink? _sink;
    private readonly OutboxStore _outbox;
    private readonly CloudStatus _status;
    private readonly TimeProvider _time;
    private readonly ILogger<ForwarderService> _logger;
    private readonly int _window;
    private readonly ResiliencePipeline _connect;
    private readonly Counter<long> _publishFailures;
    private readonly Counter<long> _reconnects;
    private readonly Histogram<double> _latency;

    public ForwarderService(ICloudSink? sink, OutboxStore outbox, CloudStatus status, ForwarderSettings settings, TimeProvider time, IMeterFactory meterFactory, ILogger<ForwarderService> logger)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _sink = sink;
        _outbox = outbox;
        _status = status;
        _time = time;
        _logger = logger;
        _window = settings.MaxInFlight;
        status.Configure(sink?.Endpoint ?? "none (cloud.kind is \"none\": the outbox keeps everything)");
        var meter = meterFactory.Create(DriverMetrics.MeterName);
        _publishFailures = meter.CreateCounter<long>("edgegw.cloud.publish_errors", "{error}", "Publishes the cloud did not acknowledge");
        _reconnects = meter.CreateCounter<long>("edgegw.cloud.reconnects", "{attempt}", "Attempts to connect to the cloud after a failure");
        _latency = meter.CreateHistogram<double>("edgegw.cloud.delivery_latency", "s", "From observation to the cloud's acknowledgement");
        _connect = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.InitialBackoff,
                MaxDelay = settings.MaxBackoff,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    _reconnects.Add(1);
                    var reason = args.Outcome.Exception?.Message ?? "unknown";
                    _status.Failed(reason);
                    LogConnectFailed(_logger, _sink?.Endpoint ?? "", reason, args.RetryDelay.TotalSeconds);
                    return default;
                },
            })
            .Build();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_sink is null)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await _connect.ExecuteAsync(async ct => await _sink.ConnectAsync(ct), stoppingToken);
                _status.Connected();
                LogConnected(_logger, _sink.Endpoint, _outbox.Depth);
                await DeliverAsync(_sink, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever the broker or network does, the forwarder reconnects; it must never stop.
            catch (Exception e)
#pragma warning restore CA1031
            {
                _publishFailures.Add(1);
                _status.Failed(e.Message);
                LogDeliveryFailed(_logger, _sink.Endpoint, e.Message);
                await DisconnectQuietlyAsync(_sink);
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (_sink is not null)
        {
            await DisconnectQuietlyAsync(_sink);
        }
    }

    private async Task DeliverAsync(ICloudSink sink, CancellationToken stoppingToken)
    {
        using var window = new SemaphoreSlim(_window, _window);
        long cursor = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!sink.IsConnected)
            {
                throw new InvalidOperationException($"connection to {sink.Endpoint} lost");
            }

            var batch = await _outbox.ReadAsync(cursor, _window * 8, stoppingToken);
            if (batch.Count == 0)
            {
                await Task.Delay(IdlePoll, _time, stoppingToken);
                continue;
            }

            var publishes = new List<Task<OutboxRecord>>(batch.Count);
            foreach (var record in batch)
            {
                await window.WaitAsync(stoppingToken);
                publishes.Add(PublishAsync(sink, record, window, stoppingToken));
                cursor = record.Seq;
            }

            Exception? failure = null;
            try
            {
                await Task.WhenAll(publishes);
            }
#pragma warning disable CA1031 // Acknowledge what did arrive before reconnecting.
            catch (Exception e)
#pragma warning restore CA1031
            {
                failure = e;
            }

            var acknowledged = publishes.Where(p => p.IsCompletedSuccessfully).Select(p => p.Result).ToList();
            await _outbox.AcknowledgeAsync(acknowledged.Select(r => r.Seq).ToList(), stoppingToken);
            var now = _time.GetUtcNow();
            foreach (var record in acknowledged)
            {
                _latency.Record((now - record.Timestamp).TotalSeconds);
            }

            _status.Delivered(acknowledged.Count, now);
            if (failure is not null)
            {
                throw failure;
            }
        }
    }

    private static async Task<OutboxRecord> PublishAsync(ICloudSink sink, OutboxRecord record, SemaphoreSlim window, CancellationToken cancellationToken)
    {
        try
        {
            await sink.PublishAsync(record, cancellationToken);
            return record;
        }
        finally
        {
            window.Release();
        }
    }

    private async Task DisconnectQuietlyAsync(ICloudSink sink)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await sink.DisconnectAsync(timeout.Token);
        }
#pragma warning disable CA1031 // The connection is being dropped anyway.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogDisconnectFailed(_logger, sink.Endpoint, e.Message);
        }
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Connected to the cloud at {Endpoint}; {Depth} messages waiting in the outbox")]
    private static partial void LogConnected(ILogger logger, string endpoint, long depth);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Warning, Message = "Cannot connect to the cloud at {Endpoint}: {Reason}. Retrying in {Seconds:0.0} s; local alarms are unaffected")]
    private static partial void LogConnectFailed(ILogger logger, string endpoint, string reason, double seconds);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Delivery to {Endpoint} failed: {Reason}. Unacknowledged messages stay in the outbox and are resent after reconnecting")]
    private static partial void LogDeliveryFailed(ILogger logger, string endpoint, string reason);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Debug, Message = "Disconnect from {Endpoint} failed: {Reason}")]
    private static partial void LogDisconnectFailed(ILogger logger, string endpoint, string reason);
}
