using System.Diagnostics.Metrics;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using EdgeGateway.Drivers;
using EdgeGateway.Outbox;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace EdgeGateway.Cloud;

/// <summary>
/// Delivers the outbox to the cloud (design.md §2, §4.2). Alarms and device status changes go ahead of
/// readings, each lane in seq order; at most <see cref="ForwarderSettings.MaxInFlight"/> publishes wait for
/// their PUBACK, so the backlog drains as fast as acknowledgements come back and never faster; only what the
/// broker acknowledged is deleted. A message the cloud keeps refusing goes to the dead-letter table after
/// <see cref="ForwarderSettings.MaxRefusals"/> refusals so the rest flows on. Failures back off exponentially
/// with jitter (Polly), never in a tight loop; unacknowledged messages are resent, with the same id, after
/// reconnecting. It runs apart from the engine: a dead broker never slows local alarms.
/// </summary>
public sealed partial class ForwarderService : BackgroundService
{
    private const int AckGroup = 1024;

    private readonly ICloudSink? _sink;
    private readonly OutboxStore _outbox;
    private readonly CloudStatus _status;
    private readonly ForwarderSettings _settings;
    private readonly TimeProvider _time;
    private readonly ILogger<ForwarderService> _logger;
    private readonly ResiliencePipeline _retry;
    private readonly Dictionary<long, int> _refusals = [];
    private readonly TimeSpan _sendInterval;
    private readonly Counter<long> _publishFailures;
    private readonly Counter<long> _reconnects;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _latency;
    private DateTimeOffset _nextSendAt;
    private bool _connectFailed;

    public ForwarderService(ICloudSink? sink, OutboxStore outbox, CloudStatus status, ForwarderSettings settings, TimeProvider time, IMeterFactory meterFactory, ILogger<ForwarderService> logger)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(meterFactory);
        _sink = sink;
        _outbox = outbox;
        _status = status;
        _settings = settings;
        _time = time;
        _logger = logger;
        _sendInterval = settings.MaxMessagesPerSecond > 0 ? TimeSpan.FromSeconds(1.0 / settings.MaxMessagesPerSecond) : TimeSpan.Zero;
        status.Configure(sink?.Endpoint ?? "none (cloud.kind is \"none\": the outbox keeps everything)");
        var meter = meterFactory.Create(DriverMetrics.MeterName);
        _publishFailures = meter.CreateCounter<long>("edgegw.cloud.publish_errors", "{error}", "Publishes the cloud did not acknowledge");
        _reconnects = meter.CreateCounter<long>("edgegw.cloud.reconnects", "{attempt}", "Attempts to connect to the cloud after a failure");
        _refused = meter.CreateCounter<long>("edgegw.cloud.refusals", "{message}", "Publishes the cloud explicitly refused (each attempt)");
        _latency = meter.CreateHistogram<double>("edgegw.cloud.delivery_latency", "s", "From observation to the cloud's acknowledgement");
        meter.CreateObservableGauge("edgegw.cloud.delivery_lag", () => status.LagSeconds ?? 0, "s", "Observation to acknowledgement of the last message delivered");
        _retry = new ResiliencePipelineBuilder { TimeProvider = time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Exception is not null && !args.Context.CancellationToken.IsCancellationRequested),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = settings.InitialBackoff,
                MaxDelay = settings.MaxBackoff,
                MaxRetryAttempts = int.MaxValue,
                DelayGenerator = args => ValueTask.FromResult(MinimumDelay(args.Outcome.Exception)),
                OnRetry = args =>
                {
                    OnRetry(args.Outcome.Exception, args.RetryDelay);
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
                await _retry.ExecuteAsync(async ct => await ConnectAndDeliverAsync(_sink, ct), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
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

    /// <summary>
    /// One attempt for the retry pipeline: connect if needed, then deliver session after session. Returns
    /// (so the next attempt reconnects at once) only after a session that delivered something; a failure
    /// without progress is thrown, so the pipeline backs off and a broker that accepts and drops never
    /// causes a reconnect storm.
    /// </summary>
    private async Task ConnectAndDeliverAsync(ICloudSink sink, CancellationToken cancellationToken)
    {
        _connectFailed = false;
        if (!sink.IsConnected)
        {
            await ConnectAsync(sink, cancellationToken);
        }

        long delivered = 0;
        while (true)
        {
            var session = await DeliverAsync(sink, cancellationToken);
            delivered += session.Delivered;
            var buried = await SettleRefusalsAsync(sink, session.Refused, cancellationToken);
            if (session.Failure is null && session.Refused.Count == 0)
            {
                if (session.RenewCredentials)
                {
                    LogRenewing(_logger, sink.Endpoint);
                    await DisconnectQuietlyAsync(sink);
                    await ConnectAsync(sink, cancellationToken);
                }

                continue;
            }

            if (session.Failure is null)
            {
                // Only refusals: the connection is fine. Go on at once when the queue moved, else back off.
                if (buried > 0 || session.Delivered > 0)
                {
                    continue;
                }

                throw new CloudRefusedException(_status.Snapshot().LastRefusal ?? "refused");
            }

            _publishFailures.Add(1);
            _status.Failed(session.Failure.Message);
            LogDeliveryFailed(_logger, sink.Endpoint, session.Failure.Message);
            await DisconnectQuietlyAsync(sink);
            if (delivered > 0)
            {
                return;
            }

            ExceptionDispatchInfo.Throw(session.Failure);
        }
    }

    private async Task ConnectAsync(ICloudSink sink, CancellationToken cancellationToken)
    {
        try
        {
            await sink.ConnectAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _connectFailed = true;
            _status.Failed(e.Message);
            await DisconnectQuietlyAsync(sink);
            throw;
        }

        _status.Connected();
        LogConnected(_logger, sink.Endpoint, _outbox.Depth);
    }

    /// <summary>One session on one connection: sends until a failure, a refusal or a credential renewal, then settles what was acknowledged.</summary>
    private async Task<DeliverySession> DeliverAsync(ICloudSink sink, CancellationToken stoppingToken)
    {
        using var window = new SemaphoreSlim(_settings.MaxInFlight, _settings.MaxInFlight);
        using var stopSending = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var inFlight = Channel.CreateUnbounded<InFlightPublish>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var acknowledging = AcknowledgeAsync(inFlight.Reader, stopSending, stoppingToken);
        var renew = false;
        Exception? sendFailure = null;
        try
        {
            renew = await SendAsync(sink, window, inFlight.Writer, stopSending.Token, stoppingToken);
        }
        catch (OperationCanceledException) when (stopSending.IsCancellationRequested && !stoppingToken.IsCancellationRequested)
        {
            // The acknowledger saw a failure and stopped the sending; it reports it.
        }
#pragma warning disable CA1031 // Whatever the broker, network or outbox does, the forwarder reconnects; it must never stop.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            sendFailure = e;
        }
        finally
        {
            inFlight.Writer.TryComplete();
        }

        var session = await acknowledging;
        return session with { Failure = session.Failure ?? sendFailure, RenewCredentials = renew };
    }

    /// <summary>Reads the urgent lane first, then readings; starts a publish whenever the window has room. Returns true when credentials need renewal.</summary>
    private async Task<bool> SendAsync(ICloudSink sink, SemaphoreSlim window, ChannelWriter<InFlightPublish> inFlight, CancellationToken sending, CancellationToken stoppingToken)
    {
        long urgentCursor = 0, readingCursor = 0;
        var batchSize = Math.Max(_settings.MaxInFlight * 4, 64);
        while (true)
        {
            sending.ThrowIfCancellationRequested();
            if (!sink.IsConnected)
            {
                throw new CloudUnavailableException($"connection to {sink.Endpoint} lost");
            }

            if (sink.CredentialsNeedRenewal)
            {
                return true;
            }

            var lane = OutboxLane.Urgent;
            // Taken, not just read: what the forwarder holds is not evicted, so nothing counted as dropped arrives.
            var batch = await _outbox.TakeAsync(OutboxLane.Urgent, urgentCursor, batchSize, sending);
            if (batch.Count == 0)
            {
                lane = OutboxLane.Readings;
                batch = await _outbox.TakeAsync(OutboxLane.Readings, readingCursor, batchSize, sending);
            }

            if (batch.Count == 0)
            {
                await Task.Delay(_settings.IdlePoll, _time, sending);
                continue;
            }

            foreach (var record in batch)
            {
                await window.WaitAsync(sending);
                await PaceAsync(sending);
                inFlight.TryWrite(new InFlightPublish(record, PublishAsync(sink, record, window, stoppingToken)));
            }

            if (lane == OutboxLane.Urgent)
            {
                urgentCursor = batch[^1].Seq;
            }
            else
            {
                readingCursor = batch[^1].Seq;
            }
        }
    }

    /// <summary>Awaits the publishes in the order they started and deletes the acknowledged ones in groups.</summary>
    private async Task<DeliverySession> AcknowledgeAsync(ChannelReader<InFlightPublish> inFlight, CancellationTokenSource stopSending, CancellationToken stoppingToken)
    {
        var acknowledged = new List<long>(AckGroup);
        var refused = new List<(OutboxRecord, string)>();
        Exception? failure = null;
        var delivered = 0;
        DateTimeOffset lastObserved = default;
        try
        {
            while (await inFlight.WaitToReadAsync(stoppingToken))
            {
                while (inFlight.TryRead(out var publish))
                {
                    try
                    {
                        await publish.Task;
                        acknowledged.Add(publish.Record.Seq);
                        lastObserved = publish.Record.Timestamp;
                        _latency.Record((_time.GetUtcNow() - publish.Record.Timestamp).TotalSeconds);
                    }
                    catch (CloudRefusedException e)
                    {
                        refused.Add((publish.Record, e.Message));
                        await stopSending.CancelAsync();
                    }
#pragma warning disable CA1031 // A lost connection fails every publish in flight; reconnecting handles it.
                    catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
#pragma warning restore CA1031
                    {
                        failure ??= e;
                        await stopSending.CancelAsync();
                    }

                    if (acknowledged.Count >= AckGroup)
                    {
                        delivered += await DeleteAcknowledgedAsync(acknowledged, lastObserved, stoppingToken);
                    }
                }

                delivered += await DeleteAcknowledgedAsync(acknowledged, lastObserved, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what was not deleted is sent again after the restart, with the same id.
        }

        return new DeliverySession(delivered, refused, failure, RenewCredentials: false);
    }

    private async Task<int> DeleteAcknowledgedAsync(List<long> acknowledged, DateTimeOffset lastObserved, CancellationToken cancellationToken)
    {
        if (acknowledged.Count == 0)
        {
            return 0;
        }

        await _outbox.AcknowledgeAsync(acknowledged, cancellationToken);
        var count = acknowledged.Count;
        if (_refusals.Count > 0)
        {
            foreach (var seq in acknowledged)
            {
                _refusals.Remove(seq);
            }
        }

        acknowledged.Clear();
        var now = _time.GetUtcNow();
        _status.Delivered(count, now, Math.Max(0, (now - lastObserved).TotalSeconds));
        return count;
    }

    /// <summary>Counts each refusal; a message refused <see cref="ForwarderSettings.MaxRefusals"/> times goes to the dead-letter table. Returns how many went.</summary>
    private async Task<int> SettleRefusalsAsync(ICloudSink sink, List<(OutboxRecord Record, string Reason)> refused, CancellationToken cancellationToken)
    {
        var buried = 0;
        foreach (var (record, reason) in refused)
        {
            _refused.Add(1);
            _status.Refused(reason);
            var count = _refusals[record.Seq] = _refusals.GetValueOrDefault(record.Seq) + 1;
            LogRefused(_logger, sink.Endpoint, record.Id, count, _settings.MaxRefusals, reason);
            if (count < _settings.MaxRefusals)
            {
                continue;
            }

            _refusals.Remove(record.Seq);
            if (await _outbox.DeadLetterAsync(record.Seq, reason, count, cancellationToken))
            {
                buried++;
                _status.DeadLettered();
                LogDeadLettered(_logger, record.Id, record.Kind, count, reason);
            }
        }

        return buried;
    }

    private static async Task PublishAsync(ICloudSink sink, OutboxRecord record, SemaphoreSlim window, CancellationToken cancellationToken)
    {
        try
        {
            await sink.PublishAsync(record, cancellationToken);
        }
        finally
        {
            window.Release();
        }
    }

    /// <summary>Keeps publishes under <see cref="ForwarderSettings.MaxMessagesPerSecond"/> when the sink has a rate limit.</summary>
    private async Task PaceAsync(CancellationToken cancellationToken)
    {
        if (_sendInterval == TimeSpan.Zero)
        {
            return;
        }

        var now = _time.GetUtcNow();
        if (_nextSendAt > now)
        {
            await Task.Delay(_nextSendAt - now, _time, cancellationToken);
        }

        _nextSendAt = (_nextSendAt > now ? _nextSendAt : now) + _sendInterval;
    }

    /// <summary>A throttled or busy cloud says how long to stay away; add up to half of it again as jitter so a ward of gateways does not return in step.</summary>
    private static TimeSpan? MinimumDelay(Exception? failure) =>
        failure is CloudUnavailableException { RetryAfter: var after } && after > TimeSpan.Zero
#pragma warning disable CA5394 // Jitter, not security.
            ? after + TimeSpan.FromTicks((long)(after.Ticks * Random.Shared.NextDouble() / 2))
#pragma warning restore CA5394
            : null;

    private void OnRetry(Exception? failure, TimeSpan delay)
    {
        var reason = failure?.Message ?? "unknown";
        if (failure is CloudRefusedException)
        {
            LogRefusalBackoff(_logger, _sink?.Endpoint ?? "", delay.TotalSeconds);
            return;
        }

        _reconnects.Add(1);
        _status.Failed(reason);
        if (_connectFailed)
        {
            LogConnectFailed(_logger, _sink?.Endpoint ?? "", reason, delay.TotalSeconds);
        }
        else
        {
            LogReconnectBackoff(_logger, _sink?.Endpoint ?? "", delay.TotalSeconds);
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

    [LoggerMessage(EventId = 1404, Level = LogLevel.Warning, Message = "The cloud at {Endpoint} refused message {MessageId} ({Count} of {Max} refusals before it is dead-lettered): {Reason}")]
    private static partial void LogRefused(ILogger logger, string endpoint, string messageId, int count, int max, string reason);

    [LoggerMessage(EventId = 1405, Level = LogLevel.Error, Message = "Message {MessageId} ({Kind}) moved to the dead-letter table after {Count} refusals: {Reason}. See edgegw outbox --dead")]
    private static partial void LogDeadLettered(ILogger logger, string messageId, MessageKind kind, int count, string reason);

    [LoggerMessage(EventId = 1406, Level = LogLevel.Information, Message = "Credentials for {Endpoint} are about to expire: reconnecting with new ones once the messages in flight are acknowledged")]
    private static partial void LogRenewing(ILogger logger, string endpoint);

    [LoggerMessage(EventId = 1407, Level = LogLevel.Information, Message = "Reconnecting to {Endpoint} in {Seconds:0.0} s")]
    private static partial void LogReconnectBackoff(ILogger logger, string endpoint, double seconds);

    [LoggerMessage(EventId = 1408, Level = LogLevel.Information, Message = "Sending the refused message to {Endpoint} again in {Seconds:0.0} s")]
    private static partial void LogRefusalBackoff(ILogger logger, string endpoint, double seconds);
}
