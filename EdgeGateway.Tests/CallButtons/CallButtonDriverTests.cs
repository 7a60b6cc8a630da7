using System.Device.Gpio;
using System.Text;
using System.Text.Json;
using EdgeGateway.Drivers.CallButtons;

namespace EdgeGateway.Tests.CallButtons;

public sealed class CallButtonDriverTests
{
    private const CallButtonEvent Pressed = CallButtonEvent.Pressed;
    private const CallButtonEvent Cancelled = CallButtonEvent.Cancelled;

    [Fact]
    public async Task A_press_is_reported_once_when_the_contact_has_been_still_for_the_debounce_time()
    {
        await using var button = await CallButtonHarness.StartAsync(CallButtonHarness.ActiveLow(cancelLine: CallButtonHarness.CancelLine));

        button.Call(closed: true);
        button.Advance(49);
        button.Advance(1);
        button.Advance(500);
        button.Cancel(closed: true);
        button.Advance(50);

        Assert.Equal((Pressed, 50), await button.NextCallAsync());
        Assert.Equal((Cancelled, 600), await button.NextCallAsync());
    }

    [Fact]
    public async Task Bounce_inside_the_debounce_window_is_ignored_and_the_press_counts_from_the_last_edge()
    {
        await using var button = await CallButtonHarness.StartAsync(CallButtonHarness.ActiveLow(cancelLine: CallButtonHarness.CancelLine));

        button.Call(closed: true);
        button.Advance(5);
        button.Call(closed: false);
        button.Advance(5);
        button.Call(closed: true);
        button.Advance(10);
        button.Call(closed: false);
        button.Advance(10);
        button.Call(closed: true);
        button.Advance(50);

        Assert.Equal((Pressed, 80), await button.NextCallAsync());
    }

    [Fact]
    public async Task A_touch_shorter_than_the_debounce_time_is_not_a_press()
    {
        await using var button = await CallButtonHarness.StartAsync(CallButtonHarness.ActiveLow(cancelLine: CallButtonHarness.CancelLine));

        button.Call(closed: true);
        button.Advance(30);
        button.Call(closed: false);
        button.Advance(200);
        button.Cancel(closed: true);
        button.Advance(50);

        Assert.Equal((Cancelled, 280), await button.NextCallAsync());
    }

    [Fact]
    public async Task Active_low_means_a_low_line_is_a_closed_contact_and_a_high_line_an_open_one()
    {
        await using var button = await CallButtonHarness.StartAsync(CallButtonHarness.ActiveLow());

        button.Gpio.SetInput(CallButtonHarness.CallLine, PinValue.High);
        button.Advance(100);
        button.Gpio.SetInput(CallButtonHarness.CallLine, PinValue.Low);
        button.Advance(50);

        Assert.Equal((Pressed, 150), await button.NextCallAsync());
    }

    [Fact]
    public async Task Active_high_means_a_high_line_is_a_closed_contact()
    {
        var options = CallButtonHarness.ActiveLow();
        options.ActiveLow = false;
        await using var button = await CallButtonHarness.StartAsync(options);

        button.Gpio.SetInput(CallButtonHarness.CallLine, PinValue.Low);
        button.Advance(100);
        button.Gpio.SetInput(CallButtonHarness.CallLine, PinValue.High);
        button.Advance(50);

        Assert.Equal((Pressed, 150), await button.NextCallAsync());
    }

    [Fact]
    public async Task The_second_contact_cancels_the_call()
    {
        await using var button = await CallButtonHarness.StartAsync(CallButtonHarness.ActiveLow(cancelLine: CallButtonHarness.CancelLine));

        button.Call(closed: true);
        button.Advance(300);
        button.Call(closed: false);
        button.Advance(60_000);
        button.Cancel(closed: true);
        button.Advance(5);
        button.Cancel(closed: false);
        button.Advance(5);
        button.Cancel(closed: true);
        button.Advance(50);

        Assert.Equal((Pressed, 50), await button.NextCallAsync());
        Assert.Equal((Cancelled, 60_360), await button.NextCallAsync());
    }

    [Fact]
    public async Task Holding_the_button_for_the_long_press_time_cancels_and_releasing_it_then_sends_nothing()
    {
        await using var button = await CallButtonHarness.StartAsync(CallButtonHarness.ActiveLow(longPressCancelMs: 2000));

        button.Call(closed: true);
        button.Advance(2049);
        button.Advance(1);
        button.Advance(3000);
        button.Call(closed: false);
        button.Advance(1000);
        button.Call(closed: true);
        button.Advance(50);

        Assert.Equal((Pressed, 50), await button.NextCallAsync());
        Assert.Equal((Cancelled, 2050), await button.NextCallAsync());
        Assert.Equal((Pressed, 6100), await button.NextCallAsync());
    }

    [Fact]
    public async Task A_press_released_before_the_long_press_time_does_not_cancel()
    {
        await using var button = await CallButtonHarness.StartAsync(CallButtonHarness.ActiveLow(longPressCancelMs: 2000));

        button.Call(closed: true);
        button.Advance(1500);
        button.Call(closed: false);
        button.Advance(5000);
        button.Call(closed: true);
        button.Advance(50);

        Assert.Equal((Pressed, 50), await button.NextCallAsync());
        Assert.Equal((Pressed, 6550), await button.NextCallAsync());
    }

    [Fact]
    public async Task A_press_while_already_pressed_is_not_a_second_press()
    {
        await using var button = await CallButtonHarness.StartAsync(CallButtonHarness.ActiveLow(cancelLine: CallButtonHarness.CancelLine));

        button.Call(closed: true);
        button.Advance(100);
        button.Call(closed: true);
        button.Advance(100);
        button.Call(closed: false);
        button.Advance(20);
        button.Call(closed: true);
        button.Advance(1000);
        button.Cancel(closed: true);
        button.Advance(50);

        Assert.Equal((Pressed, 50), await button.NextCallAsync());
        Assert.Equal((Cancelled, 1270), await button.NextCallAsync());
    }

    [Fact]
    public async Task A_contact_already_closed_when_the_driver_starts_is_a_press()
    {
        await using var button = await CallButtonHarness.StartAsync(
            CallButtonHarness.ActiveLow(),
            gpio => gpio.SetInput(CallButtonHarness.CallLine, PinValue.Low));

        button.Advance(50);

        Assert.Equal((Pressed, 50), await button.NextCallAsync());
    }

    [Fact]
    public void A_call_reading_is_of_type_call_with_its_event()
    {
        var reading = new CallButtonReading("bed-3-call", CallButtonHarness.Start, CallButtonEvent.Cancelled);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            reading.WriteData(writer);
            writer.WriteEndObject();
        }

        Assert.Equal("call", reading.ReadingType);
        Assert.Equal("""{"event":"cancelled"}""", Encoding.UTF8.GetString(stream.ToArray()));
    }
}
