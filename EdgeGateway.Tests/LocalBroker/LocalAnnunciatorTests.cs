using System.Net;
using EdgeGateway.Configuration;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Hosting;
using EdgeGateway.LocalBroker;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Tests.LocalBroker;

public sealed class LocalAnnunciatorTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Readings_queued_faster_than_they_are_published_reach_the_broker_as_the_latest_of_each_device_and_the_rest_are_counted()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var meters = new RecordingMeterFactory();
        await using var broker = new EmbeddedBroker(new LocalBrokerOptions { Port = LoopbackPorts.Free(IPAddress.Loopback) }, NullLogger<EmbeddedBroker>.Instance);
        await broker.StartAsync(cancel);
        using var annunciator = new LocalAnnunciator(broker, "ward-7", meters, NullLogger<LocalAnnunciator>.Instance);
        await using var display = await MqttProbe.SubscribeAsync(broker.Port, "edgegw/ward-7/readings/#", cancel);

        // Queued before the publishing loop runs: 1,000 readings of two transmitters.
        for (var i = 0; i < 500; i++)
        {
            annunciator.Observe(new PressureReading("pipe-a", Start.AddMilliseconds(i), i));
            annunciator.Observe(new PressureReading("pipe-b", Start.AddMilliseconds(i), 1000 + i));
        }

        await annunciator.StartAsync(cancel);
        var received = new List<(string Topic, string Payload)>();
        received.Add(await NextAsync(display, cancel));
        received.Add(await NextAsync(display, cancel));
        // A marker published after the first two: anything stale would arrive before it.
        annunciator.Observe(new PressureReading("pipe-a", Start.AddSeconds(1), 7));
        received.Add(await NextAsync(display, cancel));
        await annunciator.StopAsync(cancel);

        Assert.Equal(
        [
            ("edgegw/ward-7/readings/pipe-a", """{"ts":"2025-03-01T08:00:00.499Z","type":"pressure","pressureKpa":499}"""),
            ("edgegw/ward-7/readings/pipe-b", """{"ts":"2025-03-01T08:00:00.499Z","type":"pressure","pressureKpa":1499}"""),
            ("edgegw/ward-7/readings/pipe-a", """{"ts":"2025-03-01T08:00:01.000Z","type":"pressure","pressureKpa":7}"""),
        ], received);
        Assert.Equal(998, annunciator.ReadingsConflated);
    }

    private static async Task<(string Topic, string Payload)> NextAsync(MqttProbe display, CancellationToken cancel)
    {
        var (topic, payload, _) = await display.NextAsync((_, _) => true, Patience, cancel);
        return (topic, payload);
    }
}
