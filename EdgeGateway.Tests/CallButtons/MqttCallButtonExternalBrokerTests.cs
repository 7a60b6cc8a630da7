using System.Net;
using EdgeGateway.Configuration;
using EdgeGateway.Devices;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.Hosting;
using EdgeGateway.LocalBroker;
using EdgeGateway.Metrics;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Tests.CallButtons;

/// <summary>An MQTT call button at an external broker (an in-process MQTTnet server on loopback, plain TCP).</summary>
public sealed class MqttCallButtonExternalBrokerTests
{
    private const string Topic = "ward/3A/bed20/call";

    [Fact]
    public async Task A_retained_press_is_ignored_live_presses_are_read_and_a_lost_broker_is_reconnected()
    {
        var ct = TestContext.Current.CancellationToken;
        var port = LoopbackPorts.Free(IPAddress.Loopback);
        var external = await StartBrokerAsync(port);
        await using (var stale = await CallButtonPublisher.ConnectAsync(port, ct))
        {
            await stale.PublishAsync(Topic, "pressed", ct, retain: true);
        }

        using var metrics = new MetricsCollector();
        var sink = new DeviceEventSink();
        var unused = new EmbeddedBroker(new LocalBrokerOptions { Enabled = false }, NullLogger<EmbeddedBroker>.Instance);
        var driver = new MqttCallButtonDriver(
            "call-ext-1", new MqttCallButtonOptions { Topic = Topic, Broker = new MqttButtonBrokerOptions { Host = "127.0.0.1", Port = port, Tls = false } },
            "gw-test", unused, new DriverMetrics(TestMeters.Create()), NullLogger<MqttCallButtonDriver>.Instance, TimeProvider.System);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var run = driver.RunAsync(sink, stop.Token);

        Assert.Equal("subscribed to ward/3A/bed20/call at mqtt://127.0.0.1:" + port, (await sink.NextAsync<DeviceStatusChange>(s => s.State == DeviceState.Online)).Detail);
        await using (var button = await CallButtonPublisher.ConnectAsync(port, ct))
        {
            await button.PublishAsync(Topic, """{"event":"cancelled"}""", ct);
            Assert.Equal(CallButtonEvent.Cancelled, (await sink.NextAsync<CallButtonReading>(_ => true)).Event);
        }

        Assert.Equal(1, Count(metrics, "edgegw.driver.bad_frames", ("reason", "retained")));

        await external.DisposeAsync();
        Assert.StartsWith("lost mqtt://127.0.0.1:", (await sink.NextAsync<DeviceStatusChange>(s => s.State == DeviceState.Offline)).Detail, StringComparison.Ordinal);
        external = await StartBrokerAsync(port);
        await sink.NextAsync<DeviceStatusChange>(s => s.State == DeviceState.Online, TimeSpan.FromSeconds(20));
        await using (var button = await CallButtonPublisher.ConnectAsync(port, ct))
        {
            await button.PublishAsync(Topic, "PRESSED", ct);
            Assert.Equal(CallButtonEvent.Pressed, (await sink.NextAsync<CallButtonReading>(_ => true)).Event);
        }

        Assert.True(Count(metrics, "edgegw.driver.reconnects") >= 1);
        Assert.Equal([CallButtonEvent.Cancelled, CallButtonEvent.Pressed], sink.Seen.OfType<CallButtonReading>().Select(r => r.Event));
        await stop.CancelAsync();
        await run;
        await external.DisposeAsync();
        await unused.DisposeAsync();
    }

    private static async Task<EmbeddedBroker> StartBrokerAsync(int port)
    {
        var broker = new EmbeddedBroker(new LocalBrokerOptions { Port = port }, NullLogger<EmbeddedBroker>.Instance);
        await broker.StartAsync(TestContext.Current.CancellationToken);
        return broker;
    }

    private static double Count(MetricsCollector metrics, string instrument, params (string Key, string Value)[] tags) =>
        metrics.Snapshot()
            .Where(s => s.Name == instrument && s.Tags.Contains(new("device", "call-ext-1")) && tags.All(t => s.Tags.Contains(new(t.Key, t.Value))))
            .Sum(s => s.Value);
}
