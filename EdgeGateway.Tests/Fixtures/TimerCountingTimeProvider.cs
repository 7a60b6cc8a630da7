using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>A <see cref="FakeTimeProvider"/> that counts the timers created on it (a <c>Task.Delay</c> is one).</summary>
public sealed class TimerCountingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private int _timersCreated;

    public int TimersCreated => Volatile.Read(ref _timersCreated);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        Interlocked.Increment(ref _timersCreated);
        return base.CreateTimer(callback, state, dueTime, period);
    }
}
