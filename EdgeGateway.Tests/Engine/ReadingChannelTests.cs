using EdgeGateway.Drivers;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Engine;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Engine;

public sealed class ReadingChannelTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    private readonly RecordingMeterFactory _meters = new();

    public void Dispose() => _meters.Dispose();

    [Fact]
    public async Task A_call_press_overtakes_8000_queued_pressure_readings_which_keep_their_order()
    {
        var channel = new ReadingChannel(8192, ["call-1"], _meters);
        for (var i = 0; i < 8000; i++)
        {
            await channel.WriteAsync(new PressureReading("pipe-1", Start.AddMilliseconds(i), i), TestContext.Current.CancellationToken);
        }

        await channel.WriteAsync(new CallButtonReading("call-1", Start.AddSeconds(9), CallButtonEvent.Pressed), TestContext.Current.CancellationToken);

        Assert.True(channel.TryRead(out var first));
        Assert.Equal(new CallButtonReading("call-1", Start.AddSeconds(9), CallButtonEvent.Pressed), first);
        var pressures = Drain(channel).Cast<PressureReading>().Select(r => r.PressureKpa).ToArray();
        Assert.Equal(Enumerable.Range(0, 8000).Select(i => (double)i), pressures);
        Assert.Equal(8001, _meters.Total("edgegw.engine.events"));
        Assert.Equal(0, _meters.Total("edgegw.engine.backpressure_waits"));
    }

    [Fact]
    public async Task Each_device_keeps_the_order_of_its_readings_and_status_changes_and_ticks_go_first()
    {
        var channel = new ReadingChannel(8192, ["bed-1"], _meters);
        DeviceEvent[] written =
        [
            new PressureReading("pipe-1", Start, 400),
            new DeviceStatusChange("pipe-1", Start.AddSeconds(1), DeviceState.Offline, "no answer"),
            new PressureReading("pipe-1", Start.AddSeconds(2), 401),
            new DeviceStatusChange("bed-1", Start.AddSeconds(3), DeviceState.Online, null),
            new DeviceStatusChange("bed-1", Start.AddSeconds(4), DeviceState.Offline, "port vanished"),
        ];
        foreach (var deviceEvent in written)
        {
            await channel.WriteAsync(deviceEvent, TestContext.Current.CancellationToken);
        }

        channel.TryTick(Start.AddSeconds(5));

        Assert.Equal([written[3], written[4], new EngineTick(Start.AddSeconds(5)), written[0], written[1], written[2]], Drain(channel));
    }

    [Fact]
    public async Task A_full_bulk_lane_makes_its_driver_wait_counted_while_urgent_events_still_pass()
    {
        var channel = new ReadingChannel(64, ["call-1"], _meters);
        for (var i = 0; i < 64; i++)
        {
            await channel.WriteAsync(new PressureReading("pipe-1", Start, i), TestContext.Current.CancellationToken);
        }

        var waiting = channel.WriteAsync(new PressureReading("pipe-1", Start, 64), TestContext.Current.CancellationToken);
        var press = channel.WriteAsync(new CallButtonReading("call-1", Start, CallButtonEvent.Pressed), TestContext.Current.CancellationToken);

        Assert.False(waiting.IsCompleted);
        Assert.True(press.IsCompletedSuccessfully);
        Assert.Equal(1, _meters.Total("edgegw.engine.backpressure_waits"));
        Assert.True(channel.TryRead(out var first));
        Assert.IsType<CallButtonReading>(first);
        Assert.True(channel.TryRead(out _));
        await waiting.AsTask().WaitAsync(Patience, TestContext.Current.CancellationToken);
        Assert.Equal(64, Drain(channel).Count);
        Assert.Equal(66, _meters.Total("edgegw.engine.events"));
    }

    [Fact]
    public async Task The_wait_wakes_for_either_lane_and_ends_only_when_both_are_completed_and_drained()
    {
        var channel = new ReadingChannel(64, ["call-1"], _meters);
        var forBulk = channel.WaitToReadAsync(TestContext.Current.CancellationToken).AsTask();
        Assert.False(forBulk.IsCompleted);
        await channel.WriteAsync(new PressureReading("pipe-1", Start, 400), TestContext.Current.CancellationToken);
        Assert.True(await forBulk.WaitAsync(Patience, TestContext.Current.CancellationToken));
        Assert.Single(Drain(channel));

        var forUrgent = channel.WaitToReadAsync(TestContext.Current.CancellationToken).AsTask();
        await channel.WriteAsync(new CallButtonReading("call-1", Start, CallButtonEvent.Pressed), TestContext.Current.CancellationToken);
        Assert.True(await forUrgent.WaitAsync(Patience, TestContext.Current.CancellationToken));
        Assert.Single(Drain(channel));

        await channel.WriteAsync(new PressureReading("pipe-1", Start, 401), TestContext.Current.CancellationToken);
        channel.Complete();
        Assert.True(await channel.WaitToReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Patience, TestContext.Current.CancellationToken));
        Assert.Single(Drain(channel));
        Assert.False(await channel.WaitToReadAsync(TestContext.Current.CancellationToken).AsTask().WaitAsync(Patience, TestContext.Current.CancellationToken));
    }

    private static List<DeviceEvent> Drain(ReadingChannel channel)
    {
        var events = new List<DeviceEvent>();
        while (channel.TryRead(out var deviceEvent))
        {
            events.Add(deviceEvent);
        }

        return events;
    }
}
