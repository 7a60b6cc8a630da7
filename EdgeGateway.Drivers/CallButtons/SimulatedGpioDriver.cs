using System.Device.Gpio;

namespace EdgeGateway.Drivers.CallButtons;

/// <summary>
/// A GPIO chip in memory, for the demo and the tests: used through a real <see cref="GpioController"/>
/// (<c>new GpioController(new SimulatedGpioDriver())</c>) so the call-button driver runs the same code as on
/// libgpiod. <see cref="SetInput"/> is the contact closing or opening; value-change callbacks are raised like the
/// real driver's (rising/falling, on the thread that changed the line).
/// </summary>
public sealed class SimulatedGpioDriver : GpioDriver
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, SimulatedLine> _lines = [];

    public SimulatedGpioDriver(int lineCount = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(lineCount);
        PinCount = lineCount;
    }

    protected override int PinCount { get; }

    /// <summary>
    /// Drives <paramref name="line"/> from outside, as a contact does: <see cref="PinValue.Low"/> for a dry contact
    /// closed to ground. Raises the matching callbacks when the level changes.
    /// </summary>
    /// <summary>What the gateway last wrote to an output line (a relay), for the demo and tests to see.</summary>
    public PinValue OutputOf(int line)
    {
        lock (_gate)
        {
            return _lines.TryGetValue(line, out var simulated) ? simulated.Output : PinValue.Low;
        }
    }

    public void SetInput(int line, PinValue value)
    {
        List<PinChangeEventHandler> handlers;
        PinEventTypes change;
        lock (_gate)
        {
            var state = Line(line);
            var before = state.Level;
            state.Driven = value;
            if (state.Level == before)
            {
                return;
            }

            change = state.Level == PinValue.High ? PinEventTypes.Rising : PinEventTypes.Falling;
            handlers = [.. state.Callbacks.Where(c => (c.Types & change) != 0).Select(c => c.Handler)];
        }

        var args = new PinValueChangedEventArgs(change, line);
        foreach (var handler in handlers)
        {
            handler(this, args);
        }
    }

    protected override void OpenPin(int pinNumber)
    {
        lock (_gate)
        {
            Line(pinNumber).Open = true;
        }
    }

    protected override void ClosePin(int pinNumber)
    {
        lock (_gate)
        {
            var state = Line(pinNumber);
            state.Open = false;
            state.Callbacks.Clear();
        }
    }

    protected override void SetPinMode(int pinNumber, PinMode mode)
    {
        lock (_gate)
        {
            Line(pinNumber).Mode = mode;
        }
    }

    protected override PinMode GetPinMode(int pinNumber)
    {
        lock (_gate)
        {
            return Line(pinNumber).Mode;
        }
    }

    protected override bool IsPinModeSupported(int pinNumber, PinMode mode) =>
        mode is PinMode.Input or PinMode.InputPullUp or PinMode.InputPullDown or PinMode.Output;

    protected override PinValue Read(int pinNumber)
    {
        lock (_gate)
        {
            return Line(pinNumber).Level;
        }
    }

    protected override void Write(int pinNumber, PinValue value)
    {
        lock (_gate)
        {
            Line(pinNumber).Output = value;
        }
    }

    protected override WaitForEventResult WaitForEvent(int pinNumber, PinEventTypes eventTypes, CancellationToken cancellationToken)
    {
        using var changed = new ManualResetEventSlim();
        var seen = PinEventTypes.None;
        void OnChange(object sender, PinValueChangedEventArgs args)
        {
            seen = args.ChangeType;
            changed.Set();
        }

        AddCallbackForPinValueChangedEvent(pinNumber, eventTypes, OnChange);
        try
        {
            changed.Wait(cancellationToken);
            return new WaitForEventResult { EventTypes = seen, TimedOut = false };
        }
        catch (OperationCanceledException)
        {
            return new WaitForEventResult { EventTypes = PinEventTypes.None, TimedOut = true };
        }
        finally
        {
            RemoveCallbackForPinValueChangedEvent(pinNumber, OnChange);
        }
    }

    protected override void AddCallbackForPinValueChangedEvent(int pinNumber, PinEventTypes eventTypes, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            Line(pinNumber).Callbacks.Add((eventTypes, callback));
        }
    }

    protected override void RemoveCallbackForPinValueChangedEvent(int pinNumber, PinChangeEventHandler callback)
    {
        lock (_gate)
        {
            Line(pinNumber).Callbacks.RemoveAll(c => c.Handler == callback);
        }
    }

    private SimulatedLine Line(int line)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(line, PinCount, nameof(line));
        if (!_lines.TryGetValue(line, out var state))
        {
            state = new SimulatedLine();
            _lines[line] = state;
        }

        return state;
    }

    /// <summary>One line: an input's level is what drives it from outside, or else its pull resistor.</summary>
    private sealed class SimulatedLine
    {
        public bool Open { get; set; }

        public PinMode Mode { get; set; } = PinMode.Input;

        public PinValue? Driven { get; set; }

        public PinValue Output { get; set; } = PinValue.Low;

        public List<(PinEventTypes Types, PinChangeEventHandler Handler)> Callbacks { get; } = [];

        public PinValue Level => Mode switch
        {
            PinMode.Output => Output,
            PinMode.InputPullUp => Driven ?? PinValue.High,
            _ => Driven ?? PinValue.Low,
        };
    }
}
