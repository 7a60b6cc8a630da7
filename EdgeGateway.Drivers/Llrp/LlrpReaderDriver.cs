using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// Drives one LLRP reader: connects, runs a continuous inventory and emits a <see cref="TagReading"/> per
/// tag observation. A refused, failed or lost connection is reported as Offline and retried with
/// exponential backoff and jitter (Polly); after a session that was online, the first reconnect waits
/// only <see cref="LlrpReaderOptions.ReconnectMinDelayMs"/>. On cancellation it sends CLOSE_CONNECTION.
/// </summary>
public sealed class LlrpReaderDriver : IDeviceDriver
{
    private readonly string _deviceId;
    private readonly LlrpReaderOptions _options;
    private readonly DriverMetrics _metrics;
    private readonly LlrpMetrics _llrpMetrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ResiliencePipeline _reconnect;
    private DeviceState? _state;

    public LlrpReaderDriver(string deviceId, LlrpReaderOptions options, DriverMetrics metrics, LlrpMetrics llrpMetrics, ILogger<LlrpReaderDriver> logger, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(llrpMetrics);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _deviceId = deviceId;
        _options = options;
        _metrics = metrics;
        _llrpMetrics = llrpMetrics;
        _logger = logger;
        _timeProvider = timeProvider;
        _reconnect = new ResiliencePipelineBuilder { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<LlrpException>(),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.ReconnectMinDelayMs),
                MaxDelay = TimeSpan.FromMilliseconds(options.ReconnectMaxDelayMs),
                OnRetry = args =>
                {
                    _metrics.Reconnect(_deviceId);
                    LlrpLog.ReconnectScheduled(_logger, _deviceId, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message ?? "unknown");
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    public IReadOnlyList<string> DeviceIds => [_deviceId];

    public async Task RunAsync(IDeviceEventWriter events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        try
        {
            await SetStateAsync(events, DeviceState.Connecting, null, cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                await _reconnect.ExecuteAsync(async ct => await RunSessionAsync(events, ct), cancellationToken);
                _metrics.Reconnect(_deviceId);
                await Task.Delay(TimeSpan.FromMilliseconds(_options.ReconnectMinDelayMs), _timeProvider, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutdown: the session already sent CLOSE_CONNECTION.
        }
    }

    /// <summary>
    /// One connection. Throws <see cref="LlrpException"/> if it never got online (Polly backs off);
    /// returns normally when an online session ends, so the backoff starts afresh.
    /// </summary>
    private async Task RunSessionAsync(IDeviceEventWriter events, CancellationToken cancellationToken)
    {
        await using var session = new LlrpClientSession(_options, _deviceId, _metrics, _llrpMetrics, _logger, _timeProvider);
        session.OnTag = tag => events.WriteAsync(TagReading.From(_deviceId, tag, _timeProvider.GetUtcNow()), cancellationToken);
        var online = false;
        try
        {
            await session.ConnectAsync(cancellationToken);
            await session.StartInventoryAsync(cancellationToken);
            online = true;
            await SetStateAsync(events, DeviceState.Online, null, cancellationToken);
            await session.PumpAsync(cancellationToken);
        }
        catch (LlrpException ex)
        {
            LlrpLog.ConnectionLost(_logger, _deviceId, ex.Message);
            await SetStateAsync(events, DeviceState.Offline, ex.Message, cancellationToken);
            if (!online)
            {
                throw;
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await session.CloseAsync();
            throw;
        }
    }

    private async Task SetStateAsync(IDeviceEventWriter events, DeviceState state, string? detail, CancellationToken cancellationToken)
    {
        if (_state == state)
        {
            return;
        }

        _state = state;
        await events.WriteAsync(new DeviceStatusChange(_deviceId, _timeProvider.GetUtcNow(), state, detail), cancellationToken);
    }
}
