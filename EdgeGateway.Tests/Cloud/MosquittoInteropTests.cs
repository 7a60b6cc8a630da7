using EdgeGateway.Cloud;
using EdgeGateway.Configuration;
using EdgeGateway.Outbox;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Cloud;

/// <summary>The generic MQTT connector against Debian's Mosquitto over TLS, checked by Debian's mosquitto_sub.</summary>
[Trait("Category", "Interop")]
public sealed class MosquittoInteropTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("3.1.1", "mqttv311")]
    [InlineData("5", "mqttv5")]
    public async Task Messages_arrive_over_TLS_in_order_with_MQTT_5_properties_only_on_MQTT_5(string version, string subscriberProtocol)
    {
        MosquittoBroker.Require();
        using var certificates = await MosquittoCertificates.CreateAsync(_ct);
        await using var broker = await MosquittoBroker.StartAsync(certificates, _ct);
        await using var subscriber = await MosquittoSubscriber.StartAsync(broker.PlainPort, "cloud/#", "%t|%C|%p", subscriberProtocol, clientId: null, _ct);
        await using var harness = await ForwarderHarness.OpenAsync();
        var readings = await harness.AppendAsync(MessageKind.Reading, "r", 20);
        var alarms = await harness.AppendAsync(MessageKind.Alarm, "a", 2);
        var options = Options(broker, certificates.CaFile, version);
        options.MessageExpirySeconds = version == "5" ? 600 : null;
        await using var sink = new MqttCloudSink(options, "gw-test");

        await harness.StartAsync(sink, ForwarderHarness.Quick(window: 8));
        var lines = await subscriber.TakeAsync(22, Wait, _ct);

        var contentType = version == "5" ? "application/json" : "";
        string[] expected = [
            .. alarms.Select((seq, i) => $"cloud/gw-test/alarm/dev-1|{contentType}|{seq}|gw-test:{seq}|a{i}|"),
            .. readings.Select((seq, i) => $"cloud/gw-test/reading/dev-1|{contentType}|{seq}|gw-test:{seq}|r{i}|")];
        Assert.Equal(expected, lines.Select(l => l.TrimEnd('.')));
        await ForwarderHarness.WaitUntilAsync(() => harness.Outbox.Depth == 0, "acknowledged messages deleted");
        Assert.True(harness.Status.Snapshot().Connected);
    }

    [Fact]
    public async Task A_broker_certificate_from_an_unknown_CA_is_refused_with_a_clear_error()
    {
        MosquittoBroker.Require();
        using var certificates = await MosquittoCertificates.CreateAsync(_ct);
        await using var broker = await MosquittoBroker.StartAsync(certificates, _ct);
        await using var sink = new MqttCloudSink(Options(broker, certificates.UnknownCaFile, "3.1.1"), "gw-test");

        var error = await Assert.ThrowsAsync<CloudUnavailableException>(() => sink.ConnectAsync(_ct));

        Assert.Equal(
            $"TLS refused by edgegw: the server certificate (CN=localhost, issued by CN=edgegw test CA) does not chain to the CA in {certificates.UnknownCaFile} (PartialChain)",
            error.Message);
        await using var harness = await ForwarderHarness.OpenAsync();
        await using var forwarded = new MqttCloudSink(Options(broker, certificates.UnknownCaFile, "3.1.1"), "gw-test");
        await harness.StartAsync(forwarded, ForwarderHarness.Quick(window: 8));
        await ForwarderHarness.WaitUntilAsync(() => harness.Status.Snapshot().LastError is not null, "the status shows the error");
        Assert.Equal(error.Message, harness.Status.Snapshot().LastError);
        Assert.False(harness.Status.Snapshot().Connected);
    }

    [Fact]
    public async Task After_the_broker_was_stopped_and_started_again_everything_buffered_arrives_in_order_and_nothing_is_lost()
    {
        MosquittoBroker.Require();
        using var certificates = await MosquittoCertificates.CreateAsync(_ct);
        await using var broker = await MosquittoBroker.StartAsync(certificates, _ct);
        await using var subscriber = await MosquittoSubscriber.StartAsync(broker.PlainPort, "cloud/#", "%t|%p", "mqttv311", clientId: "ward-dashboard", _ct);
        await using var harness = await ForwarderHarness.OpenAsync();
        await using var sink = new MqttCloudSink(Options(broker, certificates.CaFile, "3.1.1"), "gw-test");
        var before = await harness.AppendAsync(MessageKind.Reading, "before", 50);
        await harness.StartAsync(sink, ForwarderHarness.Quick(window: 16));
        var received = await subscriber.TakeAsync(50, Wait, _ct);

        await broker.StopAsync();
        var during = await harness.AppendAsync(MessageKind.Reading, "during", 300);
        var alarms = await harness.AppendAsync(MessageKind.Alarm, "alarm", 3);
        await ForwarderHarness.WaitUntilAsync(() => harness.Status.Snapshot().LastError is not null, "the forwarder noticed the broker is gone");
        Assert.Equal(303, harness.Outbox.Depth);
        await broker.StartAgainAsync(_ct);
        await ForwarderHarness.WaitUntilAsync(() => harness.Outbox.Depth == 0, "everything buffered acknowledged", timeoutSeconds: 60);
        // Acknowledged by the broker is not yet delivered to the subscriber: read until every seq is there
        // (redeliveries after the outage arrive as duplicates and do not count twice).
        var all = before.Concat(during).Concat(alarms).ToHashSet();
        while (received.Select(Parse).Select(m => m.Seq).Distinct().Count() < all.Count)
        {
            received.AddRange(await subscriber.TakeAsync(1, Wait, _ct));
        }

        received.AddRange(subscriber.Drain());
        var messages = received.Select(Parse).ToList();
        Assert.Equal(all.Order(), messages.Select(m => m.Seq).Distinct().Order());
        // Duplicates are allowed only as the same message: same id, same payload.
        Assert.All(messages.GroupBy(m => m.Seq), g => Assert.Single(g.Select(m => (m.Id, m.Line)).Distinct()));
        Assert.All(messages, m => Assert.Equal($"gw-test:{m.Seq}", m.Id));
        // Each lane in order; the alarms raised during the outage went ahead of the buffered readings.
        var readings = messages.Where(m => m.Kind == "reading").Select(m => m.Seq).Distinct().ToList();
        Assert.Equal(readings.Order(), readings);
        // (Mosquitto may deliver a message of before the outage again to the persistent subscriber: same id.)
        var firstAfterOutage = messages.Skip(50).First(m => !before.Contains(m.Seq));
        Assert.Equal("alarm", firstAfterOutage.Kind);
        Assert.Equal(alarms, messages.Where(m => m.Kind == "alarm").Select(m => m.Seq).Distinct());
    }

    private static MqttCloudOptions Options(MosquittoBroker broker, string caFile, string version) => new()
    {
        Host = "localhost",
        Port = broker.TlsPort,
        Tls = true,
        CaFile = caFile,
        ProtocolVersion = version,
        TopicPrefix = "cloud",
        ClientId = "gw-test-uplink",
    };

    private static (string Kind, long Seq, string Id, string Line) Parse(string line)
    {
        var parts = line.Split('|');
        return (parts[0].Split('/')[2], long.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture), parts[2], line);
    }
}
