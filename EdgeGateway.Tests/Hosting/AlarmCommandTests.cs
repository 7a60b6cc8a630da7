using System.Device.Gpio;
using EdgeGateway.Admin;
using EdgeGateway.Alarms;
using EdgeGateway.Configuration;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Hosting;

/// <summary>Acknowledging alarms and arming beds through the admin socket, on the real host.</summary>
public sealed class AlarmCommandTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_acknowledged_call_stays_listed_as_acknowledged_by_the_caller_until_it_is_cancelled()
    {
        await using var gateway = await GatewayFixture.StartAsync(o =>
        {
            o.Devices.Add(GatewayFixture.CallButton("call-1", 5));
            o.Devices[0].Gpio!.CancelLine = 6;
            o.Alarms.CallEscalation.EscalationSeconds = [600];
        }, cloud: false);
        gateway.Gpio.SetInput(6, System.Device.Gpio.PinValue.High);
        await gateway.WaitOnlineAsync("call-1");
        await using var local = await MqttProbe.SubscribeAsync(gateway.BrokerPort, $"edgegw/{GatewayFixture.GatewayId}/alarms/#", _ct);
        await gateway.PressAsync(5);
        var raised = await local.NextAsync((_, payload) => payload.Contains("\"state\":\"raised\"", StringComparison.Ordinal), Wait, _ct);
        var alarmId = raised.Topic.Split('/')[^1];

        var answer = await AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("alarms.ack", new Dictionary<string, string> { ["alarmId"] = alarmId }), _ct);

        Assert.Equal("acknowledged", answer.GetProperty("state").GetString());
        Assert.Contains("(uid ", answer.GetProperty("acknowledgedBy").GetString(), StringComparison.Ordinal);
        var announced = await local.NextAsync((topic, payload) => topic == raised.Topic && payload.Contains("\"state\":\"acknowledged\"", StringComparison.Ordinal), Wait, _ct);
        Assert.Contains("\"acknowledgedBy\":", announced.Payload, StringComparison.Ordinal);
        var active = await AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("alarms"), _ct);
        Assert.Equal("acknowledged", Assert.Single(active.EnumerateArray()).GetProperty("state").GetString());
        var again = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("alarms.ack", new Dictionary<string, string> { ["alarmId"] = alarmId }), _ct));
        Assert.Contains("already acknowledged", again.Message, StringComparison.Ordinal);

        await gateway.PressAsync(6);
        await local.NextAsync((topic, payload) => topic == raised.Topic && payload.Contains("\"state\":\"cleared\"", StringComparison.Ordinal), Wait, _ct);
        Assert.Empty((await AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("alarms"), _ct)).EnumerateArray());
    }

    [Fact]
    public async Task A_buzzer_relay_stops_when_the_call_is_acknowledged_and_a_corridor_light_stays_on_until_it_clears()
    {
        await using var gateway = await GatewayFixture.StartAsync(o =>
        {
            o.Devices.Add(GatewayFixture.CallButton("call-1", 5));
            o.Devices[0].Gpio!.CancelLine = 6;
            o.Alarms.CallEscalation.EscalationSeconds = [600];
            o.Alarms.Relays =
            [
                new RelayOptions { Name = "buzzer", Line = 30, Priorities = [AlarmPriority.Medium, AlarmPriority.High], Until = RelayHold.Acknowledged },
                new RelayOptions { Name = "corridor light", Line = 31, ActiveHigh = false, Priorities = [AlarmPriority.Medium, AlarmPriority.High] },
            ];
        }, cloud: false);
        gateway.Gpio.SetInput(6, PinValue.High);
        await gateway.WaitOnlineAsync("call-1");
        Assert.Equal((PinValue.Low, PinValue.High), (gateway.Gpio.OutputOf(30), gateway.Gpio.OutputOf(31)));

        await gateway.PressAsync(5);
        await UntilAsync(() => gateway.Gpio.OutputOf(30) == PinValue.High && gateway.Gpio.OutputOf(31) == PinValue.Low);
        var alarmId = (await AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("alarms"), _ct)).EnumerateArray().Single().GetProperty("alarmId").GetString()!;
        await AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("alarms.ack", new Dictionary<string, string> { ["alarmId"] = alarmId }), _ct);
        await UntilAsync(() => gateway.Gpio.OutputOf(30) == PinValue.Low);
        Assert.Equal(PinValue.Low, gateway.Gpio.OutputOf(31));

        await gateway.PressAsync(6);
        await UntilAsync(() => gateway.Gpio.OutputOf(31) == PinValue.High);
    }

    [Fact]
    public async Task A_watcher_gets_the_active_alarms_then_every_transition_as_it_happens()
    {
        await using var gateway = await GatewayFixture.StartAsync(o => o.Devices.Add(GatewayFixture.CallButton("call-1", 5, silenceTimeoutSeconds: 1)), cloud: false);
        await gateway.WaitOnlineAsync("call-1");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        stop.CancelAfter(Wait);
        var lines = new List<System.Text.Json.JsonElement>();

        await foreach (var line in AdminClient.StreamAsync(gateway.SocketPath, new AdminRequest("alarms.watch"), stop.Token))
        {
            lines.Add(line);
            if (lines.Count == 2)
            {
                await gateway.PressAsync(5);
            }

            if (lines.Count == 4)
            {
                break;
            }
        }

        Assert.Equal(System.Text.Json.JsonValueKind.Array, lines[0].ValueKind);
        // The press is one reading: the silence rule clears, then the call rule raises, in rule order.
        Assert.Equal(["raised", "cleared", "raised"], lines.Skip(1).Select(l => l.GetProperty("state").GetString()));
        Assert.Equal(["device_silent", "device_silent", "call"], lines.Skip(1).Select(l => l.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task A_bed_is_disarmed_and_armed_again_and_an_unknown_bed_or_alarm_is_a_clear_error()
    {
        await using var gateway = await GatewayFixture.StartAsync(o => o.Devices.Add(new DeviceOptions
        {
            Id = "bed-1",
            Type = DeviceType.Mattress,
            Mattress = new MattressOptions { Port = "/dev/edgegw-test-no-such-port" },
        }), cloud: false);

        var disarmed = await AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("beds.disarm", new Dictionary<string, string> { ["bed"] = "bed-1" }), _ct);
        var armed = await AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("beds.arm", new Dictionary<string, string> { ["bed"] = "bed-1" }), _ct);
        var unknownBed = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("beds.disarm", new Dictionary<string, string> { ["bed"] = "bed-9" }), _ct));
        var unknownAlarm = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("alarms.ack", new Dictionary<string, string> { ["alarmId"] = "call.nope.1" }), _ct));

        Assert.False(disarmed.GetProperty("armed").GetBoolean());
        Assert.True(armed.GetProperty("armed").GetBoolean());
        Assert.Contains("no bed bed-9", unknownBed.Message, StringComparison.Ordinal);
        Assert.Contains("no active alarm call.nope.1", unknownAlarm.Message, StringComparison.Ordinal);
    }

    private async Task UntilAsync(Func<bool> condition)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        limit.CancelAfter(Wait);
        while (!condition())
        {
            await Task.Delay(10, limit.Token);
        }
    }
}
