using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace EdgeGateway.Drivers.Mattress;

/// <summary>
/// Reads one under-mattress sensor on a serial port (docs/protocols/mattress.md) and emits a
/// <see cref="VitalsReading"/> per frame. Rejected frames are counted and logged by reason. A port that cannot be
/// opened or goes away (USB adapter unplugged) makes the device Offline; it is reopened with capped exponential
/// backoff with jitter, and the device is Online again at the first good frame.
/// </summary>
public sealed class MattressDriver : IDeviceDriver
{
    private readonly string _deviceId;
    private readonly MattressOptions _options;
    private readonly DriverMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private DeviceState? _reported;
    private bool _attempted;

    public MattressDriver(string deviceId, MattressOptions options, DriverMetrics metrics, ILogger<MattressDriver> logger, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _deviceId = deviceId;
        _options = options;
        _metrics = metrics;
        _logger = logger;
        _timeProvider = timeProvider;
        DeviceIds = [deviceId];
    }

    public IReadOnlyList<string> DeviceIds { get; }

    public async Task RunAsync(IDeviceEventWriter events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var connect = BuildConnectPipeline();
        try
        {
            await ReportAsync(events, DeviceState.Connecting, $"opening {_options.Port}", cancellationToken);
            while (true)
            {
                using var reader = await connect.ExecuteAsync(token => ConnectAsync(events, token), cancellationToken);
                try
                {
                    while (true)
                    {
                        await HandleAsync(events, await reader.ReadAsync(cancellationToken), cancellationToken);
                    }
                }
                catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
                {
                    await FailedAsync(events, $"port {_options.Port} lost: {exception.Message}", exception, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            MattressLog.Stopped(_logger, _deviceId);
        }
    }

    private ResiliencePipeline<MattressPortReader> BuildConnectPipeline() =>
        new ResiliencePipelineBuilder<MattressPortReader> { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions<MattressPortReader>
            {
                ShouldHandle = new PredicateBuilder<MattressPortReader>().Handle<Exception>(e => e is not OperationCanceledException),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(_options.ReconnectInitialDelayMs),
                MaxDelay = TimeSpan.FromMilliseconds(_options.ReconnectMaxDelayMs),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    MattressLog.Reconnecting(_logger, _deviceId, _options.Port, (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    /// <summary>One attempt: open the port and read until the first good frame, so a port that opens but fails at once is retried with backoff too.</summary>
    private async ValueTask<MattressPortReader> ConnectAsync(IDeviceEventWriter events, CancellationToken cancellationToken)
    {
        if (_attempted)
        {
            _metrics.Reconnect(_deviceId);
        }

        _attempted = true;
        MattressPortReader reader;
        try
        {
            reader = MattressPortReader.Open(_options);
        }
        catch (Exception exception) when (IsTransportFailure(exception, cancellationToken))
        {
            await FailedAsync(events, $"cannot open port {_options.Port}: {exception.Message}", exception, cancellationToken);
            throw;
        }

        MattressLog.PortOpened(_logger, _deviceId, _options.Port, _options.Baud);
        try
        {
            while (!await HandleAsync(events, await reader.ReadAsync(cancellationToken), cancellationToken))
            {
            }

            return reader;
        }
        catch (Exception exception)
        {
            reader.Dispose();
            if (IsTransportFailure(exception, cancellationToken))
            {
                await FailedAsync(events, $"port {_options.Port} lost: {exception.Message}", exception, cancellationToken);
            }

            throw;
        }
    }

    /// <summary>Emits a frame as a reading (going Online first if needed) or counts and logs a rejection; true for a frame.</summary>
    private async ValueTask<bool> HandleAsync(IDeviceEventWriter events, MattressDecodeResult result, CancellationToken cancellationToken)
    {
        if (result.Status == MattressDecodeStatus.Rejected)
        {
            var reason = result.Reason.ToTag();
            _metrics.FrameRejected(_deviceId, reason);
            MattressLog.FrameRejected(_logger, _deviceId, reason, result.Detail);
            return false;
        }

        _metrics.FrameDecoded(_deviceId);
        if (_reported != DeviceState.Online)
        {
            MattressLog.Online(_logger, _deviceId);
            await ReportAsync(events, DeviceState.Online, $"frames arriving on {_options.Port}", cancellationToken);
        }

        await events.WriteAsync(VitalsReading.FromFrame(_deviceId, _timeProvider.GetUtcNow(), result.Frame), cancellationToken);
        return true;
    }

    private async ValueTask FailedAsync(IDeviceEventWriter events, string detail, Exception exception, CancellationToken cancellationToken)
    {
        MattressLog.PortFailed(_logger, _deviceId, _options.Port, detail);
        await ReportAsync(events, DeviceState.Offline, detail, cancellationToken);
    }

    /// <summary>Status changes are reported on transitions only, not on every failed retry.</summary>
    private async ValueTask ReportAsync(IDeviceEventWriter events, DeviceState state, string detail, CancellationToken cancellationToken)
    {
        if (_reported == state)
        {
            return;
        }

        _reported = state;
        await events.WriteAsync(new DeviceStatusChange(_deviceId, _timeProvider.GetUtcNow(), state, detail), cancellationToken);
    }

    private static bool IsTransportFailure(Exception exception, CancellationToken cancellationToken) =>
        !(exception is OperationCanceledException && cancellationToken.IsCancellationRequested);
}
