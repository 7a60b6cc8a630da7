using System.Device.Gpio;
using System.Device.Gpio.Drivers;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace EdgeGateway.Drivers.CallButtons;

/// <summary>
/// A bedside call point on GPIO dry contacts (docs/protocols/call-buttons.md): a debounced press of the call
/// contact emits <see cref="CallButtonEvent.Pressed"/>; the cancel contact, or holding the call button for the
/// long-press time, emits <see cref="CallButtonEvent.Cancelled"/>. A contact held closed is one press, however
/// long it is held. Whether a call is already active is the engine's business, not this driver's.
/// </summary>
public sealed class CallButtonDriver : IDeviceDriver
{
    private readonly string _deviceId;
    private readonly CallButtonOptions _options;
    private readonly GpioController _controller;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly Lock _gate = new();
    private DeviceState? _reported;

    /// <summary>
    /// <paramref name="controller"/> is the chip's controller, shared by every button on that chip:
    /// <see cref="OpenChip"/> on a real box, <c>new GpioController(new SimulatedGpioDriver())</c> in the demo and
    /// tests. The caller disposes it.
    /// </summary>
    public CallButtonDriver(string deviceId, CallButtonOptions options, GpioController controller, ILogger<CallButtonDriver> logger, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(controller);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _deviceId = deviceId;
        _options = options;
        _controller = controller;
        _logger = logger;
        _timeProvider = timeProvider;
        DeviceIds = [deviceId];
    }

    public IReadOnlyList<string> DeviceIds { get; }

    /// <summary>A controller for <c>/dev/gpiochip{chip}</c> through libgpiod (the character-device GPIO API).</summary>
    public static GpioController OpenChip(int chip) => new(new LibGpiodDriver(chip));

    public async Task RunAsync(IDeviceEventWriter events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var calls = Channel.CreateUnbounded<CallButtonReading>(new UnboundedChannelOptions { SingleReader = true });
        try
        {
            await ReportAsync(events, DeviceState.Connecting, $"opening chip {_options.Chip} line {_options.Line}", cancellationToken);
            using var watch = await BuildOpenPipeline().ExecuteAsync(token => WatchAsync(events, calls.Writer, token), cancellationToken);
            await ReportAsync(events, DeviceState.Online, $"watching chip {_options.Chip} line {_options.Line}", cancellationToken);
            await foreach (var call in calls.Reader.ReadAllAsync(cancellationToken))
            {
                CallButtonLog.Event(_logger, _deviceId, call.Event);
                await events.WriteAsync(call, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            CallButtonLog.Stopped(_logger, _deviceId);
        }
    }

    private ResiliencePipeline<ButtonWatch> BuildOpenPipeline() =>
        new ResiliencePipelineBuilder<ButtonWatch> { TimeProvider = _timeProvider }
            .AddRetry(new RetryStrategyOptions<ButtonWatch>
            {
                ShouldHandle = new PredicateBuilder<ButtonWatch>().Handle<Exception>(e => e is not OperationCanceledException),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(60),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = args =>
                {
                    CallButtonLog.Reopening(_logger, _deviceId, (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

    private async ValueTask<ButtonWatch> WatchAsync(IDeviceEventWriter events, ChannelWriter<CallButtonReading> calls, CancellationToken cancellationToken)
    {
        try
        {
            var watch = new ButtonWatch(this, calls);
            CallButtonLog.Watching(_logger, _deviceId, _options.Chip, _options.Line, _options.ActiveLow, _options.DebounceMs, _options.CancelLine, _options.LongPressCancelMs);
            return watch;
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            var detail = $"cannot open chip {_options.Chip} line {_options.Line}: {exception.Message}";
            CallButtonLog.OpenFailed(_logger, _deviceId, _options.Chip, _options.Line, exception.Message, exception);
            await ReportAsync(events, DeviceState.Offline, detail, cancellationToken);
            throw;
        }
    }

    private async ValueTask ReportAsync(IDeviceEventWriter events, DeviceState state, string detail, CancellationToken cancellationToken)
    {
        if (_reported == state)
        {
            return;
        }

        _reported = state;
        await events.WriteAsync(new DeviceStatusChange(_deviceId, _timeProvider.GetUtcNow(), state, detail), cancellationToken);
    }

    /// <summary>The open lines, their callbacks and timers; disposing it releases the lines.</summary>
    private sealed class ButtonWatch : IDisposable
    {
        private readonly CallButtonDriver _driver;
        private readonly ChannelWriter<CallButtonReading> _calls;
        private readonly DebouncedContact _call;
        private readonly DebouncedContact? _cancel;
        private readonly ITimer? _longPress;
        private readonly List<int> _openLines = [];

        public ButtonWatch(CallButtonDriver driver, ChannelWriter<CallButtonReading> calls)
        {
            _driver = driver;
            _calls = calls;
            var options = driver._options;
            var debounce = TimeSpan.FromMilliseconds(options.DebounceMs);
            _call = new DebouncedContact(driver._timeProvider, debounce, driver._gate, OnCallSettled);
            if (options.CancelLine is not null)
            {
                _cancel = new DebouncedContact(driver._timeProvider, debounce, driver._gate, OnCancelSettled);
            }

            if (options.LongPressCancelMs is not null)
            {
                _longPress = driver._timeProvider.CreateTimer(_ => OnLongPress(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }

            try
            {
                Open(options.Line, _call, OnCallEdge);
                if (options.CancelLine is { } cancelLine)
                {
                    Open(cancelLine, _cancel!, OnCancelEdge);
                }
            }
            catch
            {
                Dispose();
                throw;
            }
        }

        public void Dispose()
        {
            foreach (var line in _openLines)
            {
                _driver._controller.UnregisterCallbackForPinValueChangedEvent(line, line == _driver._options.Line ? OnCallEdge : OnCancelEdge);
                _driver._controller.ClosePin(line);
            }

            _openLines.Clear();
            _call.Dispose();
            _cancel?.Dispose();
            _longPress?.Dispose();
        }

        private void Open(int line, DebouncedContact contact, PinChangeEventHandler onEdge)
        {
            var controller = _driver._controller;
            var pull = _driver._options.ActiveLow ? PinMode.InputPullUp : PinMode.InputPullDown;
            controller.OpenPin(line, controller.IsPinModeSupported(line, pull) ? pull : PinMode.Input);
            _openLines.Add(line);
            controller.RegisterCallbackForPinValueChangedEvent(line, PinEventTypes.Rising | PinEventTypes.Falling, onEdge);

            // A contact already closed at start (a call pending while the gateway restarted) is a press.
            var level = controller.Read(line);
            lock (_driver._gate)
            {
                contact.Observe(IsActive(level));
            }
        }

        private bool IsActive(PinValue level) => _driver._options.ActiveLow ? level == PinValue.Low : level == PinValue.High;

        private bool IsActive(PinEventTypes change) => IsActive(change == PinEventTypes.Rising ? PinValue.High : PinValue.Low);

        private void OnCallEdge(object sender, PinValueChangedEventArgs args)
        {
            lock (_driver._gate)
            {
                _call.Observe(IsActive(args.ChangeType));
            }
        }

        private void OnCancelEdge(object sender, PinValueChangedEventArgs args)
        {
            lock (_driver._gate)
            {
                _cancel!.Observe(IsActive(args.ChangeType));
            }
        }

        /// <summary>Under the lock: the call contact settled closed (a press) or open (released).</summary>
        private void OnCallSettled(bool active)
        {
            if (active)
            {
                Emit(CallButtonEvent.Pressed);
                _longPress?.Change(TimeSpan.FromMilliseconds(_driver._options.LongPressCancelMs!.Value), Timeout.InfiniteTimeSpan);
            }
            else
            {
                _longPress?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            }
        }

        private void OnCancelSettled(bool active)
        {
            if (active)
            {
                Emit(CallButtonEvent.Cancelled);
            }
        }

        private void OnLongPress()
        {
            lock (_driver._gate)
            {
                if (_call.IsActive)
                {
                    Emit(CallButtonEvent.Cancelled);
                }
            }
        }

        private void Emit(CallButtonEvent call) =>
            _calls.TryWrite(new CallButtonReading(_driver._deviceId, _driver._timeProvider.GetUtcNow(), call));
    }
}
