using System.Text.Json;
using EdgeGateway.Admin;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Hosting;

/// <summary>The whole flow of design.md §2 in one process: driver → engine → local broker and outbox → forwarder → cloud.</summary>
public sealed class GatewayHostTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_reading_reaches_the_local_broker_and_the_cloud_in_the_telemetry_envelope()
    {
        await using var gateway = await GatewayFixture.StartAsync(o => o.Devices.Add(GatewayFixture.CallButton("call-1", 5)));
        await using var local = await MqttProbe.SubscribeAsync(gateway.BrokerPort, $"edgegw/{GatewayFixture.GatewayId}/readings/#", _ct);
        await using var cloud = await MqttProbe.SubscribeAsync(gateway.BrokerPort, $"{GatewayFixture.CloudPrefix}/#", _ct);

        await gateway.WaitOnlineAsync("call-1");
        await gateway.PressAsync(5);

        var shown = await local.NextAsync((topic, _) => topic.EndsWith("/call-1", StringComparison.Ordinal), Wait, _ct);
        Assert.Contains("\"event\":\"pressed\"", shown.Payload, StringComparison.Ordinal);
        var forwarded = await cloud.NextAsync((topic, payload) => topic == $"{GatewayFixture.CloudPrefix}/{GatewayFixture.GatewayId}/reading/call-1", Wait, _ct);
        using var envelope = JsonDocument.Parse(forwarded.Payload);
        Assert.Equal("edgegw/1", envelope.RootElement.GetProperty("schema").GetString());
        Assert.Equal("pressed", envelope.RootElement.GetProperty("data").GetProperty("event").GetString());
        Assert.Equal("3A", envelope.RootElement.GetProperty("device").GetProperty("ward").GetString());
    }

    [Fact]
    public async Task A_silent_device_raises_a_retained_local_alarm_forwarded_to_the_cloud_and_its_next_frame_clears_both()
    {
        await using var gateway = await GatewayFixture.StartAsync(o => o.Devices.Add(GatewayFixture.CallButton("call-1", 5, silenceTimeoutSeconds: 1)));
        await using var local = await MqttProbe.SubscribeAsync(gateway.BrokerPort, $"edgegw/{GatewayFixture.GatewayId}/alarms/#", _ct);
        await using var cloud = await MqttProbe.SubscribeAsync(gateway.BrokerPort, $"{GatewayFixture.CloudPrefix}/{GatewayFixture.GatewayId}/alarm/#", _ct);

        var raised = await local.NextAsync((_, payload) => payload.Contains("\"state\":\"raised\"", StringComparison.Ordinal), Wait, _ct);
        Assert.Contains("device_silent.call-1.", raised.Topic, StringComparison.Ordinal);
        var cloudRaised = await cloud.NextAsync((_, payload) => payload.Contains("\"state\":\"raised\"", StringComparison.Ordinal), Wait, _ct);
        Assert.Contains("\"priority\":\"medium\"", cloudRaised.Payload, StringComparison.Ordinal);

        // A late display still sees the active alarm: it is retained.
        await using (var late = await MqttProbe.SubscribeAsync(gateway.BrokerPort, raised.Topic, _ct))
        {
            var retained = await late.NextAsync((_, _) => true, Wait, _ct);
            Assert.True(retained.Retained);
        }

        await gateway.WaitOnlineAsync("call-1");
        await gateway.PressAsync(5);

        var cleared = await local.NextAsync((topic, payload) => topic == raised.Topic && payload.Contains("\"state\":\"cleared\"", StringComparison.Ordinal), Wait, _ct);
        var emptied = await local.NextAsync((topic, payload) => topic == raised.Topic && payload.Length == 0, Wait, _ct);
        Assert.NotNull(cleared.Payload);
        Assert.Empty(emptied.Payload);
        await cloud.NextAsync((_, payload) => payload.Contains("\"state\":\"cleared\"", StringComparison.Ordinal), Wait, _ct);
    }

    [Fact]
    public async Task With_a_read_only_data_dir_the_outbox_reports_it_and_local_alarms_are_still_raised()
    {
        using var dir = new TempDirectory();
        using var mount = ReadOnlyDirectory.Create(dir.File("data"));
        await using var gateway = await GatewayFixture.StartAsync(o =>
        {
            o.Gateway.DataDir = mount.Path;
            o.Devices.Add(GatewayFixture.CallButton("call-1", 5, silenceTimeoutSeconds: 1));
        });
        await using var local = await MqttProbe.SubscribeAsync(gateway.BrokerPort, $"edgegw/{GatewayFixture.GatewayId}/alarms/#", _ct);

        var raised = await local.NextAsync((_, payload) => payload.Contains("\"state\":\"raised\"", StringComparison.Ordinal), Wait, _ct);

        Assert.Contains("device_silent.call-1.", raised.Topic, StringComparison.Ordinal);
        var outbox = await AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("outbox"), _ct);
        Assert.False(outbox.GetProperty("available").GetBoolean());
        Assert.Contains("writable", outbox.GetProperty("problem").GetString(), StringComparison.Ordinal);
        var status = await AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("status"), _ct);
        Assert.Contains(status.GetProperty("counters").EnumerateArray(), c => c.GetProperty("name").GetString() == "edgegw.outbox.open_errors");
    }

    [Fact]
    public async Task Status_over_the_admin_socket_shows_devices_alarms_outbox_and_counters()
    {
        await using var gateway = await GatewayFixture.StartAsync(o => o.Devices.Add(GatewayFixture.CallButton("call-1", 5)), cloud: false);
        await gateway.WaitOnlineAsync("call-1");
        await using (var local = await MqttProbe.SubscribeAsync(gateway.BrokerPort, "edgegw/+/readings/call-1", _ct))
        {
            await gateway.PressAsync(5);
            await local.NextAsync((_, _) => true, Wait, _ct);
        }

        // The local publish does not wait for the outbox's commit: ask until the press is committed.
        var status = await AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("status"), _ct);
        using (var limit = CancellationTokenSource.CreateLinkedTokenSource(_ct))
        {
            limit.CancelAfter(Wait);
            while (status.GetProperty("outbox").GetProperty("depth").GetInt64() == 0)
            {
                await Task.Delay(20, limit.Token);
                status = await AdminClient.RequestAsync(gateway.SocketPath, new AdminRequest("status"), limit.Token);
            }
        }

        Assert.Equal(GatewayFixture.GatewayId, status.GetProperty("gatewayId").GetString());
        var device = Assert.Single(status.GetProperty("devices").EnumerateArray());
        Assert.Equal("call-1", device.GetProperty("id").GetString());
        Assert.Equal("callButton", device.GetProperty("type").GetString());
        Assert.Equal(1, device.GetProperty("frames").GetInt64());
        Assert.True(status.GetProperty("outbox").GetProperty("available").GetBoolean());
        Assert.False(status.GetProperty("cloud").GetProperty("connected").GetBoolean());
        Assert.Contains(status.GetProperty("counters").EnumerateArray(), c => c.GetProperty("name").GetString() == "edgegw.outbox.appended");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite, File.GetUnixFileMode(gateway.SocketPath));
    }

    [Fact]
    public async Task A_second_daemon_on_the_same_admin_socket_refuses_to_start()
    {
        await using var gateway = await GatewayFixture.StartAsync(cloud: false);
        using var second = EdgeGateway.Hosting.GatewayHost.Build(gateway.Options, configure: null, Microsoft.Extensions.Logging.LogLevel.None);

        var error = await Assert.ThrowsAnyAsync<Exception>(() => second.StartAsync(_ct));

        Assert.Contains("already running", error.Message + error.InnerException?.Message, StringComparison.Ordinal);
    }
}
