using EdgeGateway.Alarms;
using EdgeGateway.Drivers;
using EdgeGateway.Engine;

namespace EdgeGateway.Demo;

/// <summary>
/// What <see cref="DemoScript"/> waits on: every alarm transition in the order the engine announced it, and
/// each device's next reading. Called on the engine's thread, so nothing here blocks it: waiters are resumed
/// on the thread pool.
/// </summary>
internal sealed class DemoFeed(TimeProvider time) : IAlarmAnnunciator
{
    private readonly Lock _gate = new();
    private readonly List<AlarmTransition> _transitions = [];
    private readonly List<Waiter> _waiters = [];
    private readonly List<(string DeviceId, TaskCompletionSource<DateTimeOffset> Done)> _readingWaiters = [];

    /// <summary>How many transitions have been announced so far: the index the next one will have.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _transitions.Count;
            }
        }
    }

    public AlarmTransition this[int index]
    {
        get
        {
            lock (_gate)
            {
                return _transitions[index];
            }
        }
    }

    public void Announce(AlarmTransition transition)
    {
        lock (_gate)
        {
            _transitions.Add(transition);
            var index = _transitions.Count - 1;
            _waiters.RemoveAll(w => w.From <= index && w.Match(transition) && w.Done.TrySetResult(index));
        }
    }

    public void Observe(DeviceEvent deviceEvent)
    {
        if (deviceEvent is not Reading reading)
        {
            return;
        }

        lock (_gate)
        {
            _readingWaiters.RemoveAll(w => w.DeviceId == reading.DeviceId && w.Done.TrySetResult(reading.Timestamp));
        }
    }

    /// <summary>The index of the first transition from <paramref name="from"/> on that matches, as soon as there is one.</summary>
    /// <exception cref="TimeoutException">None matched within <paramref name="timeout"/>.</exception>
    public Task<int> FirstAsync(Func<AlarmTransition, bool> match, int from, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            for (var i = from; i < _transitions.Count; i++)
            {
                if (match(_transitions[i]))
                {
                    return Task.FromResult(i);
                }
            }

            var waiter = new Waiter(match, from, new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously));
            _waiters.Add(waiter);
            return Forget(waiter.Done, () => _waiters.Remove(waiter), timeout, cancellationToken);
        }
    }

    /// <summary>When the next reading of <paramref name="deviceId"/> arrives: its time stamp.</summary>
    /// <exception cref="TimeoutException">None arrived within <paramref name="timeout"/>.</exception>
    public Task<DateTimeOffset> NextReadingAsync(string deviceId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var waiter = (DeviceId: deviceId, Done: new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously));
            _readingWaiters.Add(waiter);
            return Forget(waiter.Done, () => _readingWaiters.Remove(waiter), timeout, cancellationToken);
        }
    }

    /// <summary>A wait given up (cancelled or timed out) leaves no waiter behind.</summary>
    private async Task<T> Forget<T>(TaskCompletionSource<T> done, Func<bool> remove, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await done.Task.WaitAsync(timeout, time, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            lock (_gate)
            {
                remove();
            }

            throw;
        }
    }

    private sealed record Waiter(Func<AlarmTransition, bool> Match, int From, TaskCompletionSource<int> Done);
}
