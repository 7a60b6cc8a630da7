using EdgeGateway.Drivers.Modbus;
using EdgeGateway.LocalBroker;

namespace EdgeGateway.Tests.LocalBroker;

public sealed class LatestReadingsTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Only_the_latest_waiting_reading_of_each_device_is_taken_in_the_order_devices_started_waiting_and_the_rest_are_counted()
    {
        var latest = new LatestReadings();
        Assert.True(latest.Offer(Pressure("pipe-a", 1)));
        Assert.True(latest.Offer(Pressure("pipe-b", 1)));
        Assert.False(latest.Offer(Pressure("pipe-a", 2)));
        Assert.False(latest.Offer(Pressure("pipe-a", 3)));
        Assert.False(latest.Offer(Pressure("pipe-b", 2)));

        Assert.Equal(2, latest.Count);
        Assert.True(latest.TryTake(out var first));
        Assert.True(latest.TryTake(out var second));
        Assert.False(latest.TryTake(out _));
        Assert.Equal(Pressure("pipe-a", 3), first);
        Assert.Equal(Pressure("pipe-b", 2), second);
        Assert.Equal(3, latest.Conflated);
    }

    [Fact]
    public void A_reading_offered_after_its_device_was_served_waits_again_and_is_not_conflated()
    {
        var latest = new LatestReadings();
        latest.Offer(Pressure("pipe-a", 1));
        latest.TryTake(out _);

        Assert.True(latest.Offer(Pressure("pipe-a", 2)));
        Assert.True(latest.TryTake(out var next));
        Assert.Equal(Pressure("pipe-a", 2), next);
        Assert.Equal(0, latest.Conflated);
    }

    private static PressureReading Pressure(string device, int second) => new(device, Start.AddSeconds(second), 400 + second);
}
