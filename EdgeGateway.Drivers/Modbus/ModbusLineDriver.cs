using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// Polls every device on one Modbus line (an RS-485 port or a TCP endpoint) in turn, each at its own
/// interval, one request in flight. A timeout, a rejected answer or an exception response on one device is
/// counted and logged and the next device is polled; a failed line (port vanished, connection dropped)
/// reports every device offline and reconnects with exponential backoff and jitter.
/// </summary>
public sealed class ModbusLineDriver : IDeviceDriver
{
    private static readonly TimeSpan DefaultReconnectDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan DefaultMaxReconnectDelay = TimeSpan.FromSeconds(30);

    private readonly IReadOnlyList<ModbusDeviceRuntime> _devices;
    private readonly Func<IModbusTransport> _transportFactory;
    private readonly DriverMetrics _metrics;
    private readonly ModbusMetrics _modbusMetrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ModbusPollClock _clock;
    private readonly TimeSpan _reconnectDelay;
    private readonly TimeSpan _maxReconnectDelay;

    /// <summary>
    /// Creates the driver of one line; every device must be on the same line (see <see cref="ModbusLines"/>). Every
    /// line of the daemon is given the same <paramref name="clock"/>, so that their polls share instants.
    /// </summary>
    public ModbusLineDriver(IReadOnlyList<ModbusDevice> devices, DriverMetrics metrics, ModbusMetrics modbusMetrics, ILogger logger, ModbusPollClock clock)
        : this(devices, CreateTransportFactory(devices, clock), metrics, modbusMetrics, logger, clock, DefaultReconnectDelay, DefaultMaxReconnectDelay)
    {
    }

    internal ModbusLineDriver(
        IReadOnlyList<ModbusDevice> devices,
        Func<IModbusTransport> transportFactory,
        DriverMetrics metrics,
        ModbusMetrics modbusMetrics,
        ILogger logger,
        ModbusPollClock clock,
        TimeSpan reconnectDelay,
        TimeSpan maxReconnectDelay)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(modbusMetrics);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(clock);
        if (devices.Count == 0 || devices.Any(d => d.LineKey != devices[0].LineKey))
        {
            throw new ArgumentException("a line driver needs one or more devices on the same line", nameof(devices));
        }

        _devices = [.. devices.Select(d => new ModbusDeviceRuntime(d))];
        _transportFactory = transportFactory;
        _metrics = metrics;
        _modbusMetrics = modbusMetrics;
        _logger = logger;
        _clock = clock;
        _timeProvider = clock.TimeProvider;
        _reconnectDelay = reconnectDelay;
        _maxReconnectDelay = maxReconnectDelay;
        Line = devices[0].LineKey;
        DeviceIds = [.. devices.Select(d => d.Id)];
    }

    /// <summary>The line: <c>rtu:/dev/ttyUSB0</c> or <c>tcp:host:port</c>.</summary>
    public string Line { get; }

    public IReadOnlyList<string> DeviceIds { get; }

    public async Task RunAsync(IDeviceEventWriter events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var reconnect = BuildReconnectPipeline(events);
        var transport = _transportFactory();
        await using (transport.ConfigureAwait(false))
        {
            var master = new ModbusMaster(transport);
            try
            {
                while (!cancellationToken.IsCancellationRequested)
                {
                    await reconnect.ExecuteAsync(static async (t, ct) => await t.ConnectAsync(ct), transport, cancellationToken);
                    ModbusLog.LineConnected(_logger, Line);
                    try
                    {
                        await PollAsync(master, events, cancellationToken);
                    }
                    catch (Exception ex) when (IsLineFailure(ex) && !cancellationToken.IsCancellationRequested)
                    {
                        ModbusLog.LineLost(_logger, Line, ex.Message);
                        foreach (var device in _devices)
                        {
                            _metrics.Reconnect(device.Id);
                            await SetStateAsync(device, DeviceState.Offline, $"line {Line} lost: {ex.Message}", events, cancellationToken);
                        }

                        // A line that opens and fails at once must not spin: wait before the first new attempt.
                        await Task.Delay(_reconnectDelay, _timeProvider, cancellationToken);
                    }
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                ModbusLog.LineStopped(_logger, Line);
            }
        }
    }

    private ResiliencePipeline BuildReconnectPipeline(IDeviceEventWriter events) =>
        new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(IsLineFailure),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = _reconnectDelay,
                MaxDelay = _maxReconnectDelay,
                MaxRetryAttempts = int.MaxValue,
                OnRetry = async args =>
                {
                    var reason = args.Outcome.Exception?.Message ?? "unknown";
                    ModbusLog.ConnectFailed(_logger, Line, args.AttemptNumber + 1, (long)args.RetryDelay.TotalMilliseconds, reason);
                    foreach (var device in _devices)
                    {
                        _metrics.Reconnect(device.Id);
                        await SetStateAsync(device, DeviceState.Offline, $"cannot open line {Line}: {reason}", events, args.Context.CancellationToken);
                    }
                },
            })
            .Build();

    private async Task PollAsync(ModbusMaster master, IDeviceEventWriter events, CancellationToken cancellationToken)
    {
        // Every device is read at once after (re)connecting, then on its interval's grid (ModbusDeviceRuntime.ScheduleNext).
        var connected = _clock.Now;
        foreach (var device in _devices)
        {
            device.NextDue = connected;
        }

        while (true)
        {
            var device = MostOverdue();
            await _clock.WaitUntilAsync(device.NextDue, cancellationToken);
            await PollDeviceAsync(master, device, events, cancellationToken);
            device.ScheduleNext(_clock.Now);
        }
    }

    // The device most overdue goes next; ties keep config order, so a busy line is served round-robin.
    private ModbusDeviceRuntime MostOverdue()
    {
        var next = _devices[0];
        for (var i = 1; i < _devices.Count; i++)
        {
            if (_devices[i].NextDue < next.NextDue)
            {
                next = _devices[i];
            }
        }

        return next;
    }

    private async Task PollDeviceAsync(ModbusMaster master, ModbusDeviceRuntime device, IDeviceEventWriter events, CancellationToken cancellationToken)
    {
        var points = device.Device.Options.Points;
        foreach (var block in device.Plan.Blocks)
        {
            try
            {
                await master.ReadRegistersAsync(device.UnitId, block.Function, block.Address, device.Registers.AsMemory(0, block.Count), device.Timeout, cancellationToken);
            }
            catch (ModbusException ex)
            {
                _metrics.FrameRejected(device.Id, "exception");
                _modbusMetrics.ExceptionResponse(device.Id, ex.Code);
                var level = LevelFor(device, "exception:" + ex.Code);
                ModbusLog.ExceptionResponse(_logger, level, device.Id, ex.Function, ex.Address, ex.Code);
                return;
            }
            catch (ModbusTimeoutException ex)
            {
                var reason = ex.IsTruncated ? "truncated" : "timeout";
                _metrics.FrameRejected(device.Id, reason);
                var level = LevelFor(device, reason);
                ModbusLog.PollTimedOut(_logger, level, device.Id, ex.Message);
                await FailedAsync(device, ex.Message, events, cancellationToken);
                return;
            }
            catch (ModbusFrameException ex)
            {
                _metrics.FrameRejected(device.Id, ex.Reason);
                var level = LevelFor(device, ex.Reason);
                ModbusLog.FrameRejected(_logger, level, device.Id, ex.Reason, ex.Function, ex.Address);
                await FailedAsync(device, ex.Message, events, cancellationToken);
                return;
            }

            _metrics.FrameDecoded(device.Id);
            foreach (var index in block.PointIndices)
            {
                var point = points[index];
                var raw = RegisterCodec.Decode(device.Registers.AsSpan(point.Address - block.Address), point.Type, point.WordOrder);
                device.Values[index] = (raw * point.Scale) + point.Offset;
            }
        }

        device.ConsecutiveFailures = 0;
        device.LastRejection = null;
        var timestamp = _timeProvider.GetUtcNow();
        await SetStateAsync(device, DeviceState.Online, null, events, cancellationToken);
        var pressureIndex = device.PressureIndex;
        if (pressureIndex >= 0)
        {
            var point = points[pressureIndex];
            var kpa = PressureUnits.ToKpa(device.Values[pressureIndex], point.Unit, point.RangeMinKpa ?? 0, point.RangeMaxKpa ?? 0);
            await events.WriteAsync(new PressureReading(device.Id, timestamp, kpa), cancellationToken);
        }

        if (points.Count > (pressureIndex >= 0 ? 1 : 0))
        {
            var values = new List<ModbusPointValue>(points.Count);
            for (var i = 0; i < points.Count; i++)
            {
                if (i != pressureIndex)
                {
                    values.Add(new ModbusPointValue(device.FieldNames[i], device.Values[i]));
                }
            }

            await events.WriteAsync(new ModbusPointsReading(device.Id, timestamp, values), cancellationToken);
        }
    }

    private async Task FailedAsync(ModbusDeviceRuntime device, string detail, IDeviceEventWriter events, CancellationToken cancellationToken)
    {
        device.ConsecutiveFailures++;
        if (device.ConsecutiveFailures >= device.Device.Options.OfflineAfterFailures)
        {
            await SetStateAsync(device, DeviceState.Offline, detail, events, cancellationToken);
        }
    }

    private async Task SetStateAsync(ModbusDeviceRuntime device, DeviceState state, string? detail, IDeviceEventWriter events, CancellationToken cancellationToken)
    {
        if (device.State == state)
        {
            return;
        }

        device.State = state;
        if (state == DeviceState.Online)
        {
            ModbusLog.DeviceOnline(_logger, device.Id, device.UnitId);
        }
        else
        {
            ModbusLog.DeviceOffline(_logger, device.Id, device.UnitId, detail ?? string.Empty);
        }

        await events.WriteAsync(new DeviceStatusChange(device.Id, _timeProvider.GetUtcNow(), state, detail), cancellationToken);
    }

    // At 10 ms polls a persistent fault would flood the journal: warn when the reason changes, then debug.
    private static LogLevel LevelFor(ModbusDeviceRuntime device, string reason)
    {
        if (device.LastRejection == reason)
        {
            return LogLevel.Debug;
        }

        device.LastRejection = reason;
        return LogLevel.Warning;
    }

    private static bool IsLineFailure(Exception exception) =>
        exception is IOException or SocketException or UnauthorizedAccessException or ObjectDisposedException or InvalidOperationException;

    private static Func<IModbusTransport> CreateTransportFactory(IReadOnlyList<ModbusDevice> devices, ModbusPollClock clock)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(clock);
        var timeProvider = clock.TimeProvider;
        var options = devices.Count > 0 ? devices[0].Options : throw new ArgumentException("a line needs at least one device", nameof(devices));
        if (options.Rtu is { } rtu)
        {
            return () => new ModbusRtuTransport(rtu, timeProvider);
        }

        if (!ModbusTcpTransport.TryParseEndPoint(options.Tcp, out var endPoint))
        {
            throw new ArgumentException($"device {devices[0].Id}: '{options.Tcp}' is not host:port", nameof(devices));
        }

        return () => new ModbusTcpTransport(endPoint, timeProvider);
    }
}
