namespace EdgeGateway.Drivers.CallButtons;

/// <summary>
/// One contact's debouncing: each edge restarts a timer of the debounce time, and only a level that stays put
/// that long becomes the contact's state. Timed by the injected <see cref="TimeProvider"/>, never by sleeping.
/// Not thread-safe on its own: the owner serialises calls under its lock.
/// </summary>
internal sealed class DebouncedContact : IDisposable
{
    private readonly TimeSpan _debounce;
    private readonly ITimer _timer;
    private bool _raw;

    /// <summary><paramref name="onSettled"/> is called (under <paramref name="gate"/>, from the timer) with the new state when it changed.</summary>
    public DebouncedContact(TimeProvider timeProvider, TimeSpan debounce, Lock gate, Action<bool> onSettled)
    {
        _debounce = debounce;
        _timer = timeProvider.CreateTimer(
            _ =>
            {
                lock (gate)
                {
                    if (_raw != IsActive)
                    {
                        IsActive = _raw;
                        onSettled(IsActive);
                    }
                }
            },
            null,
            Timeout.InfiniteTimeSpan,
            Timeout.InfiniteTimeSpan);
    }

    /// <summary>The debounced state: true while the contact is (settled) closed.</summary>
    public bool IsActive { get; private set; }

    /// <summary>An edge (or the level read at start); the caller holds the owner's lock.</summary>
    public void Observe(bool active)
    {
        _raw = active;
        _timer.Change(_debounce, Timeout.InfiniteTimeSpan);
    }

    public void Dispose() => _timer.Dispose();
}
