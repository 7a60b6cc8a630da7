using System.Text.Json;
using EdgeGateway.Configuration;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.Metrics;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Tests.CallButtons;

/// <summary>MQTT call buttons end to end in the real host: a client publishes on the embedded broker, the reading comes out on the readings topic.</summary>
public sealed class MqttCallButtonTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Json_and_plain_text_presses_and_cancels_become_call_readings()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var ward = await StartAsync("call-mqtt-1", "ward/3A/bed12/call");
        await using var readings = await MqttProbe.SubscribeAsync(ward.Gateway.BrokerPort, $"edgegw/{GatewayFixture.GatewayId}/readings/call-mqtt-1", ct);

        await ward.Button.PublishAsync("ward/3A/bed12/call", """{"event":"pressed"}""", ct);
        Assert.Equal("pressed", await NextEventAsync(readings));
        await ward.Button.PublishAsync("ward/3A/bed12/call", "CANCELLED\n", ct);
        Assert.Equal("cancelled", await NextEventAsync(readings));
        await ward.Button.PublishAsync("ward/3A/bed12/call", "pressed", ct);
        Assert.Equal("pressed", await NextEventAsync(readings));
        await ward.Button.PublishAsync("ward/3A/bed12/call", """{ "event": "cancelled", "battery": 91 }""", ct);
        Assert.Equal("cancelled", await NextEventAsync(readings));

        Assert.Equal(4, Count(ward.Gateway, "edgegw.driver.frames", "call-mqtt-1"));
        Assert.Equal(0, Count(ward.Gateway, "edgegw.driver.bad_frames", "call-mqtt-1", "malformed"));
    }

    [Fact]
    public async Task Malformed_payloads_are_counted_and_the_next_press_still_works()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var ward = await StartAsync("call-mqtt-2", "ward/3A/bed14/call");
        await using var readings = await MqttProbe.SubscribeAsync(ward.Gateway.BrokerPort, $"edgegw/{GatewayFixture.GatewayId}/readings/call-mqtt-2", ct);

        await ward.Button.PublishAsync("ward/3A/bed14/call", [0x00, 0xFF, 0x13, 0x37, 0x80], ct);
        await ward.Button.PublishAsync("ward/3A/bed14/call", """{"state":"on"}""", ct);
        await ward.Button.PublishAsync("ward/3A/bed14/call", """{"event":"double_click"}""", ct);
        await ward.Button.PublishAsync("ward/3A/bed14/call", """{"event":"pressed" """, ct);
        await ward.Button.PublishAsync("ward/3A/bed14/call", """{"event":"pressed"}""", ct);

        var reading = await readings.NextAsync((_, _) => true, Wait, ct);
        Assert.Equal("pressed", Event(reading.Payload));
        Assert.Equal(4, Count(ward.Gateway, "edgegw.driver.bad_frames", "call-mqtt-2", "malformed"));
        Assert.Equal(1, Count(ward.Gateway, "edgegw.driver.frames", "call-mqtt-2"));
    }

    [Fact]
    public async Task Publishes_on_other_topics_are_not_the_buttons_business()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var ward = await StartAsync("call-mqtt-3", "ward/3A/bed15/call");
        await using var readings = await MqttProbe.SubscribeAsync(ward.Gateway.BrokerPort, $"edgegw/{GatewayFixture.GatewayId}/readings/call-mqtt-3", ct);

        await ward.Button.PublishAsync("ward/3A/bed15/call/extra", "garbage", ct);
        await ward.Button.PublishAsync("ward/3A/bed16/call", "pressed", ct);
        await ward.Button.PublishAsync("ward/3A/bed15/call", "cancelled", ct);

        Assert.Equal("cancelled", await NextEventAsync(readings));
        Assert.Equal(0, Count(ward.Gateway, "edgegw.driver.bad_frames", "call-mqtt-3", "malformed"));
        Assert.Equal(1, Count(ward.Gateway, "edgegw.driver.frames", "call-mqtt-3"));
    }

    private static async Task<Ward> StartAsync(string deviceId, string topic)
    {
        var gateway = await GatewayFixture.StartAsync(
            o => o.Devices.Add(new DeviceOptions
            {
                Id = deviceId,
                Type = DeviceType.CallButton,
                Location = new LocationOptions { Ward = "3A" },
                Mqtt = new MqttCallButtonOptions { Topic = topic },
            }),
            cloud: false);
        await gateway.WaitOnlineAsync(deviceId);
        return new Ward(gateway, await CallButtonPublisher.ConnectAsync(gateway.BrokerPort, TestContext.Current.CancellationToken));
    }

    private static async Task<string?> NextEventAsync(MqttProbe readings) =>
        Event((await readings.NextAsync((_, _) => true, Wait, TestContext.Current.CancellationToken)).Payload);

    private static string? Event(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        Assert.Equal("call", json.RootElement.GetProperty("type").GetString());
        return json.RootElement.GetProperty("event").GetString();
    }

    private static double Count(GatewayFixture gateway, string instrument, string deviceId, string? reason = null) =>
        gateway.Host.Services.GetRequiredService<MetricsCollector>().Snapshot()
            .Where(s => s.Name == instrument && s.Tags.Contains(new("device", deviceId)) && (reason is null || s.Tags.Contains(new("reason", reason))))
            .Sum(s => s.Value);

    private sealed record Ward(GatewayFixture Gateway, CallButtonPublisher Button) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Button.DisposeAsync();
            await Gateway.DisposeAsync();
        }
    }
}
