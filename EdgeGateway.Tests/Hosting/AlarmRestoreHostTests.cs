using System.Device.Gpio;
using System.Text.Json;
using EdgeGateway.Admin;
using EdgeGateway.Alarms;
using EdgeGateway.Configuration;
using EdgeGateway.Outbox;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Tests.Hosting;

/// <summary>A call active when the daemon restarts, on the real host: re-announced everywhere locally, never raised again for the cloud.</summary>
public sealed class AlarmRestoreHostTests
{
    private const int Buzzer = 30;
    private const int Light = 31;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_call_active_at_a_restart_is_announced_again_on_the_local_broker_and_the_relays_with_its_id_and_nothing_is_raised_again_for_the_cloud()
    {
        await using var gateway = await StartAsync();
        var alarmId = await RaiseCallAsync(gateway);

        // The cloud had the raise; after the restart the outbox keeps what would go to it.
        await gateway.RestartAsync(o => o.Cloud = new CloudOptions());

        await UntilAsync(() => gateway.Gpio.OutputOf(Buzzer) == PinValue.High && gateway.Gpio.OutputOf(Light) == PinValue.Low);
        await using var local = await MqttProbe.SubscribeAsync(gateway.BrokerPort, $"edgegw/{GatewayFixture.GatewayId}/alarms/#", _ct);
        var retained = await local.NextAsync((topic, _) => topic.EndsWith(alarmId, StringComparison.Ordinal), Wait, _ct);
        Assert.True(retained.Retained);
        Assert.Equal("raised", JsonDocument.Parse(retained.Payload).RootElement.GetProperty("state").GetString());
        var listed = Assert.Single((await AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("alarms"), _ct)).EnumerateArray());
        Assert.Equal(alarmId, listed.GetProperty("alarmId").GetString());

        await gateway.PressAsync(6);
        await UntilAsync(() => gateway.Gpio.OutputOf(Light) == PinValue.High);
        var forwarded = await AlarmMessagesAsync(gateway, count: 1);
        Assert.Equal([(alarmId, "cleared")], forwarded.Select(m => (m.GetProperty("alarmId").GetString(), m.GetProperty("state").GetString())));
    }

    [Fact]
    public async Task An_acknowledged_call_comes_back_acknowledged_the_buzzer_stays_quiet_and_the_corridor_light_on()
    {
        await using var gateway = await StartAsync();
        var alarmId = await RaiseCallAsync(gateway);
        await AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("alarms.ack", new Dictionary<string, string> { ["alarmId"] = alarmId }), _ct);
        await UntilAsync(() => gateway.Gpio.OutputOf(Buzzer) == PinValue.Low);

        await gateway.RestartAsync();

        await UntilAsync(() => gateway.Gpio.OutputOf(Light) == PinValue.Low);
        Assert.Equal(PinValue.Low, gateway.Gpio.OutputOf(Buzzer));
        var listed = Assert.Single((await AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("alarms"), _ct)).EnumerateArray());
        Assert.Equal((alarmId, "acknowledged"), (listed.GetProperty("alarmId").GetString(), listed.GetProperty("state").GetString()));
        Assert.Contains("(uid ", listed.GetProperty("acknowledgedBy").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_call_whose_button_was_removed_from_the_configuration_is_cleared_at_start_with_the_reason_locally_and_for_the_cloud()
    {
        await using var gateway = await StartAsync();
        var alarmId = await RaiseCallAsync(gateway);

        await gateway.RestartAsync(o =>
        {
            o.Devices.Clear();
            o.Cloud = new CloudOptions();
        });

        Assert.Empty((await AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("alarms"), _ct)).EnumerateArray());
        Assert.Equal(PinValue.High, gateway.Gpio.OutputOf(Light));
        var cleared = Assert.Single(await AlarmMessagesAsync(gateway, count: 1));
        Assert.Equal((alarmId, "cleared"), (cleared.GetProperty("alarmId").GetString(), cleared.GetProperty("state").GetString()));
        Assert.Equal("call on call-1 cleared after a restart: device call-1 removed from configuration", cleared.GetProperty("message").GetString());
    }

    private static Task<GatewayFixture> StartAsync() => GatewayFixture.StartAsync(o =>
    {
        o.Devices.Add(GatewayFixture.CallButton("call-1", 5));
        o.Devices[0].Gpio!.CancelLine = 6;
        o.Alarms.CallEscalation.EscalationSeconds = [600];
        o.Alarms.Relays =
        [
            new RelayOptions { Name = "buzzer", Line = Buzzer, Priorities = [AlarmPriority.Medium, AlarmPriority.High], Until = RelayHold.Acknowledged },
            new RelayOptions { Name = "corridor light", Line = Light, ActiveHigh = false, Priorities = [AlarmPriority.Medium, AlarmPriority.High] },
        ];
    });

    /// <summary>Presses call-1 and waits until the cloud has its raise: the restart then has nothing left to deliver.</summary>
    private async Task<string> RaiseCallAsync(GatewayFixture gateway)
    {
        gateway.Gpio.SetInput(6, PinValue.High);
        await gateway.WaitOnlineAsync("call-1");
        await using var cloud = await MqttProbe.SubscribeAsync(gateway.BrokerPort, $"{GatewayFixture.CloudPrefix}/{GatewayFixture.GatewayId}/alarm/#", _ct);
        await gateway.PressAsync(5);
        var raised = await cloud.NextAsync((_, payload) => payload.Contains("\"state\":\"raised\"", StringComparison.Ordinal), Wait, _ct);
        await UntilAsync(() => gateway.Host.Services.GetRequiredService<OutboxStore>().Depth == 0);
        return JsonDocument.Parse(raised.Payload).RootElement.GetProperty("data").GetProperty("alarmId").GetString()!;
    }

    /// <summary>The data of the alarm messages in the outbox, once there are at least <paramref name="count"/> of them.</summary>
    private async Task<List<JsonElement>> AlarmMessagesAsync(GatewayFixture gateway, int count)
    {
        var outbox = gateway.Host.Services.GetRequiredService<OutboxStore>();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        limit.CancelAfter(Wait);
        while (true)
        {
            var alarms = (await outbox.ReadAsync(0, 10_000, _ct)).Where(r => r.Kind == MessageKind.Alarm).ToList();
            if (alarms.Count >= count && outbox.Pending == 0)
            {
                return [.. alarms.Select(r => JsonDocument.Parse(r.Payload).RootElement.GetProperty("data").Clone())];
            }

            await Task.Delay(10, limit.Token);
        }
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
