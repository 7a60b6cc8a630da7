namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// The instants Modbus polls are made at, shared by every line driver of the daemon (one per host). Polls are
/// due on multiples of their interval on the monotonic clock (<see cref="ModbusDeviceRuntime.ScheduleNext"/>), so
/// devices with the same interval fall on the same instants, on one line or several; every line waiting for an
/// instant waits on one timer, whose expiry starts their polls one after the other on the thread it fires on,
/// rather than a timer, its expiry and a thread-pool wake-up per line; and the two transmitters of a pipe are
/// sampled together.
/// </summary>
public sealed class ModbusPollClock
{
    private readonly Dictionary<TimeSpan, Instant> _pending = [];
    private readonly Lock _gate = new();

    public ModbusPollClock(TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(timeProvider);
        TimeProvider = timeProvider;
    }

    public TimeProvider TimeProvider { get; }

    /// <summary>The monotonic clock as a time span from its zero: the grid's origin, the same for every line.</summary>
    internal TimeSpan Now
    {
        get
        {
            // Whole seconds and the rest apart, in integers: exact, where TimeProvider.GetElapsedTime's double loses
            // ticks once the count passes 2^53 (a clock counted in ticks from year 1, as FakeTimeProvider's is).
            var timestamp = TimeProvider.GetTimestamp();
            var frequency = TimeProvider.TimestampFrequency;
            return TimeSpan.FromTicks((timestamp / frequency * TimeSpan.TicksPerSecond) + (timestamp % frequency * TimeSpan.TicksPerSecond / frequency));
        }
    }

    /// <summary>Completes at <paramref name="instant"/> (on <see cref="Now"/>'s scale), at once if it has passed.</summary>
    internal Task WaitUntilAsync(TimeSpan instant, CancellationToken cancellationToken)
    {
        var wait = instant - Now;
        if (wait <= TimeSpan.Zero)
        {
            return Task.CompletedTask;
        }

        Instant? created = null;
        Instant waiting;
        lock (_gate)
        {
            if (!_pending.TryGetValue(instant, out waiting!))
            {
                waiting = created = new Instant(this, instant);
                _pending.Add(instant, waiting);
            }
        }

        // Outside the lock: a timer already due may fire on this thread.
        created?.Start(wait);
        return waiting.Reached.WaitAsync(cancellationToken);
    }

    private void Reach(Instant instant)
    {
        lock (_gate)
        {
            _pending.Remove(instant.At);
        }

        instant.Complete();
    }

    private sealed class Instant(ModbusPollClock clock, TimeSpan at)
    {
        // Continuations run on the timer's thread, one line's poll after the other, up to each one's first wait
        // for its answer: no further thread is woken to start them.
        private readonly TaskCompletionSource _reached = new();
        private ITimer? _timer;

        public TimeSpan At { get; } = at;

        public Task Reached => _reached.Task;

        public void Start(TimeSpan wait) =>
            _timer = clock.TimeProvider.CreateTimer(static state => ((Instant)state!).Fire(), this, wait, Timeout.InfiniteTimeSpan);

        public void Complete()
        {
            _timer?.Dispose();
            _reached.TrySetResult();
        }

        private void Fire() => clock.Reach(this);
    }
}
