using System.Device.Gpio;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Tests.CallButtons;

/// <summary>
/// A call-button driver on a <see cref="SimulatedGpioDriver"/> behind a real <see cref="GpioController"/>, timed
/// by a <see cref="FakeTimeProvider"/>. Readings carry the fake clock's time, so tests assert exactly when each
/// event was decided; "nothing else happened" is asserted by the next event being a known later one.
/// </summary>
internal sealed class CallButtonHarness : IAsyncDisposable
{
    public const int CallLine = 17;
    public const int CancelLine = 27;
    public static readonly DateTimeOffset Start = new(2024, 6, 11, 3, 0, 0, TimeSpan.Zero);

    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly DeviceEventSink _events = new();
    private readonly GpioController _controller;
    private readonly Task _run;

    private CallButtonHarness(CallButtonOptions options, Action<SimulatedGpioDriver>? wire)
    {
        Options = options;
        wire?.Invoke(Gpio);
        _controller = new GpioController(Gpio);
        var driver = new CallButtonDriver("bed-3-call", options, _controller, NullLogger<CallButtonDriver>.Instance, Clock);
        _run = driver.RunAsync(_events, _stop.Token);
    }

    public SimulatedGpioDriver Gpio { get; } = new();

    public FakeTimeProvider Clock { get; } = new(Start);

    public CallButtonOptions Options { get; }

    /// <summary>Starts the driver and waits until it reports Online (its lines are open and watched).</summary>
    public static async Task<CallButtonHarness> StartAsync(CallButtonOptions options, Action<SimulatedGpioDriver>? wire = null)
    {
        var harness = new CallButtonHarness(options, wire);
        Assert.Equal(DeviceState.Connecting, Assert.IsType<DeviceStatusChange>(await harness.NextEventAsync()).State);
        Assert.Equal(DeviceState.Online, Assert.IsType<DeviceStatusChange>(await harness.NextEventAsync()).State);
        return harness;
    }

    public static CallButtonOptions ActiveLow(int? cancelLine = null, int? longPressCancelMs = null) => new()
    {
        Chip = 0,
        Line = CallLine,
        ActiveLow = true,
        DebounceMs = 50,
        CancelLine = cancelLine,
        LongPressCancelMs = longPressCancelMs,
    };

    /// <summary>Sets the call contact's logical state: closed (active) or open, honouring active-low.</summary>
    public void Call(bool closed) => Gpio.SetInput(CallLine, Level(closed));

    public void Cancel(bool closed) => Gpio.SetInput(CancelLine, Level(closed));

    /// <summary>
    /// Moves the clock a millisecond at a time: FakeTimeProvider fires a timer with the clock already at the end
    /// of one Advance, so single steps keep each event's timestamp at the millisecond it was decided.
    /// </summary>
    public void Advance(int milliseconds)
    {
        for (var i = 0; i < milliseconds; i++)
        {
            Clock.Advance(TimeSpan.FromMilliseconds(1));
        }
    }

    /// <summary>The next call event as (event, milliseconds since <see cref="Start"/>).</summary>
    public async Task<(CallButtonEvent Event, double AtMs)> NextCallAsync()
    {
        var reading = Assert.IsType<CallButtonReading>(await NextEventAsync());
        return (reading.Event, (reading.Timestamp - Start).TotalMilliseconds);
    }

    public Task<DeviceEvent> NextEventAsync() => _events.NextAsync(TimeSpan.FromSeconds(5));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run;
        _controller.Dispose();
        _stop.Dispose();
    }

    private PinValue Level(bool closed) => closed == Options.ActiveLow ? PinValue.Low : PinValue.High;
}
