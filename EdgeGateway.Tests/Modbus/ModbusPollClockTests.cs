using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Modbus;

public sealed class ModbusPollClockTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    [Fact]
    public void An_instant_already_passed_completes_at_once_without_a_timer()
    {
        var time = new TimerCountingTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var clock = new ModbusPollClock(time);

        var passed = clock.WaitUntilAsync(clock.Now - TimeSpan.FromMilliseconds(1), TestContext.Current.CancellationToken);
        var now = clock.WaitUntilAsync(clock.Now, TestContext.Current.CancellationToken);

        Assert.True(passed.IsCompletedSuccessfully);
        Assert.True(now.IsCompletedSuccessfully);
        Assert.Equal(0, time.TimersCreated);
    }

    [Fact]
    public async Task Waiters_for_one_instant_share_one_timer_and_one_cancelled_leaves_the_other_waiting()
    {
        var time = new TimerCountingTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var clock = new ModbusPollClock(time);
        var instant = clock.Now + TimeSpan.FromMilliseconds(20);
        using var stopFirst = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var first = clock.WaitUntilAsync(instant, stopFirst.Token);
        var second = clock.WaitUntilAsync(instant, TestContext.Current.CancellationToken);
        await stopFirst.CancelAsync();
        time.Advance(TimeSpan.FromMilliseconds(19));
        var beforeInstant = second.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(1));
        await second.WaitAsync(Wait, TestContext.Current.CancellationToken);

        Assert.Equal(1, time.TimersCreated);
        Assert.True(first.IsCanceled);
        Assert.False(beforeInstant);
        Assert.True(second.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Two_instants_get_a_timer_each_and_complete_in_their_order()
    {
        var time = new TimerCountingTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        var clock = new ModbusPollClock(time);
        var now = clock.Now;

        var later = clock.WaitUntilAsync(now + TimeSpan.FromMilliseconds(100), TestContext.Current.CancellationToken);
        var sooner = clock.WaitUntilAsync(now + TimeSpan.FromMilliseconds(20), TestContext.Current.CancellationToken);
        time.Advance(TimeSpan.FromMilliseconds(20));
        await sooner.WaitAsync(Wait, TestContext.Current.CancellationToken);
        var laterBeforeItsInstant = later.IsCompleted;
        time.Advance(TimeSpan.FromMilliseconds(80));
        await later.WaitAsync(Wait, TestContext.Current.CancellationToken);

        Assert.Equal(2, time.TimersCreated);
        Assert.False(laterBeforeItsInstant);
    }
}
