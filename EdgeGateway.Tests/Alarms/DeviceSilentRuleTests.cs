using EdgeGateway.Alarms;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.CallButtons;

namespace EdgeGateway.Tests.Alarms;

public sealed class DeviceSilentRuleTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);
    private readonly AlarmEngine _engine = new([new DeviceSilentRule(
        [KeyValuePair.Create("bed-1", TimeSpan.FromSeconds(10)), KeyValuePair.Create("bed-2", TimeSpan.FromSeconds(30))],
        AlarmPriority.Medium, Start)]);

    private readonly List<AlarmTransition> _transitions = [];

    [Fact]
    public void Silence_of_exactly_the_timeout_is_allowed_and_one_tick_longer_raises()
    {
        Frame("bed-1", Start.AddSeconds(1));

        Tick(Start.AddSeconds(11));
        Assert.Empty(_transitions);

        Tick(Start.AddSeconds(11.25));
        var raised = Assert.Single(_transitions);
        Assert.Equal(AlarmState.Raised, raised.State);
        Assert.Equal(DeviceSilentRule.AlarmType, raised.Type);
        Assert.Equal("bed-1", raised.Subject);
        Assert.Equal(AlarmPriority.Medium, raised.Priority);
        Assert.Equal(10.25, raised.Values["silentSeconds"]);
        Assert.Equal(10, raised.Values["timeoutSeconds"]);
    }

    [Fact]
    public void A_device_never_heard_from_is_silent_from_start()
    {
        Tick(Start.AddSeconds(10.25));

        Assert.Equal(["bed-1"], _transitions.Select(t => t.Subject));
    }

    [Fact]
    public void The_alarm_is_raised_once_however_long_the_silence_lasts()
    {
        Tick(Start.AddSeconds(11));
        Tick(Start.AddSeconds(20));
        Tick(Start.AddMinutes(10));

        Assert.Equal(2, _transitions.Count);
        Assert.Equal(["bed-1", "bed-2"], _transitions.Select(t => t.Subject));
        Assert.Equal(2, _engine.Book.Count);
    }

    [Fact]
    public void The_next_frame_clears_it_with_the_same_alarm_id_and_how_long_the_silence_lasted()
    {
        Tick(Start.AddSeconds(11));
        var raised = Assert.Single(_transitions);
        _transitions.Clear();

        Frame("bed-1", Start.AddSeconds(14.5));

        var cleared = Assert.Single(_transitions);
        Assert.Equal(AlarmState.Cleared, cleared.State);
        Assert.Equal(raised.AlarmId, cleared.AlarmId);
        Assert.Equal(14.5, cleared.Values["silentSeconds"]);
        Assert.Equal(0, _engine.Book.Count);
    }

    [Fact]
    public void A_frame_from_another_device_or_a_status_change_does_not_clear_it()
    {
        Tick(Start.AddSeconds(11));
        _transitions.Clear();

        Frame("bed-2", Start.AddSeconds(12));
        _engine.Process(new DeviceStatusChange("bed-1", Start.AddSeconds(12), DeviceState.Online, null), Start.AddSeconds(12), _transitions);

        Assert.Empty(_transitions);
        Assert.Equal(1, _engine.Book.Count);
    }

    [Fact]
    public void After_a_clear_a_new_silence_needs_the_whole_timeout_again_so_it_cannot_flap()
    {
        Tick(Start.AddSeconds(11));
        var first = _transitions.Single(t => t.Subject == "bed-1").AlarmId;
        Frame("bed-1", Start.AddSeconds(12));
        _transitions.Clear();

        Tick(Start.AddSeconds(22));
        Assert.Empty(_transitions);
        Tick(Start.AddSeconds(22.25));
        var again = Assert.Single(_transitions);
        Assert.Equal(AlarmState.Raised, again.State);
        Assert.Equal("bed-1", again.Subject);
        Assert.NotEqual(first, again.AlarmId);
    }

    [Fact]
    public void A_remote_override_changes_the_allowed_silence_from_the_next_tick_and_removing_it_restores_the_configured_one()
    {
        TimeSpan? remote = TimeSpan.FromSeconds(3);
        var engine = new AlarmEngine([new DeviceSilentRule([KeyValuePair.Create("bed-1", TimeSpan.FromSeconds(10))], AlarmPriority.Medium, Start, id => id == "bed-1" ? remote : null)]);
        var transitions = new List<AlarmTransition>();

        engine.Tick(Start.AddSeconds(3.25), transitions);
        var raised = Assert.Single(transitions);
        Assert.Equal(3, raised.Values["timeoutSeconds"]);

        engine.Process(new CallButtonReading("bed-1", Start.AddSeconds(4), CallButtonEvent.Pressed), Start.AddSeconds(4), transitions);
        remote = null;
        transitions.Clear();
        engine.Tick(Start.AddSeconds(13), transitions);
        Assert.Empty(transitions);
        engine.Tick(Start.AddSeconds(14.25), transitions);
        Assert.Equal(10, Assert.Single(transitions).Values["timeoutSeconds"]);
    }

    private void Frame(string deviceId, DateTimeOffset at) =>
        _engine.Process(new CallButtonReading(deviceId, at, CallButtonEvent.Pressed), at, _transitions);

    private void Tick(DateTimeOffset at) => _engine.Tick(at, _transitions);
}
