using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using EdgeGateway.Alarms;
using EdgeGateway.Cloud;
using EdgeGateway.Configuration;
using EdgeGateway.Outbox;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Tests.Cloud;

public sealed class IotHubCloudSinkTests : IDisposable
{
    private const string DeviceId = "ward-3a-gw";

    // A made-up device key: 32 bytes 0x01..0x20, base64 as the hub shows keys.
    private static readonly string Key = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private readonly TempDirectory _secrets = new();

    public void Dispose() => _secrets.Dispose();

    [Fact]
    public void The_SAS_token_is_the_documented_HMAC_SHA256_over_the_encoded_resource_and_expiry()
    {
        var expiry = DateTimeOffset.FromUnixTimeSeconds(1_767_225_600);

        var token = SasToken.Create("myhub.azure-devices.net/devices/ward-3a-gw", Key, expiry);

        // Computed here independently: sign "{url-encoded resource}\n{expiry}" with the decoded key.
        var signed = HMACSHA256.HashData(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray(), Encoding.UTF8.GetBytes("myhub.azure-devices.net%2Fdevices%2Fward-3a-gw\n1767225600"));
        Assert.Equal($"SharedAccessSignature sr=myhub.azure-devices.net%2Fdevices%2Fward-3a-gw&sig={Uri.EscapeDataString(Convert.ToBase64String(signed))}&se=1767225600", token);
        Assert.StartsWith("SharedAccessSignature sr=myhub.azure-devices.net%2Fdevices%2Fward-3a-gw&sig=", token, StringComparison.Ordinal);
    }

    [Fact]
    public void A_device_connection_string_gives_host_device_and_key_and_its_errors_never_repeat_the_key()
    {
        var parsed = IotHubConnectionString.Parse($"HostName=myhub.azure-devices.net;DeviceId={DeviceId};SharedAccessKey={Key}\n");
        var error = Assert.Throws<FormatException>(() => IotHubConnectionString.Parse($"HostName=myhub.azure-devices.net;SharedAccessKey={Key}"));

        Assert.Equal(new IotHubConnectionString("myhub.azure-devices.net", DeviceId, Key), parsed);
        Assert.Equal("the IoT Hub connection string has no DeviceId", error.Message);
    }

    [Fact]
    public async Task It_connects_as_the_device_with_a_SAS_token_and_sends_each_kind_with_its_property_bag()
    {
        await using var hub = await IotHubEmulator.StartAsync(_ct);
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_767_225_600));
        await using var sink = Sink(hub, time);
        await using var harness = await ForwarderHarness.OpenAsync();
        var reading = await harness.Outbox.AppendAsync(Json(MessageKind.Reading, null, """{"type":"pressure","pressureKpa":401.2}"""), _ct);
        var alarm = await harness.Outbox.AppendAsync(Json(MessageKind.Alarm, AlarmPriority.High, """{"alarmId":"device_silent.bed-1.1","type":"device_silent","priority":"high"}"""), _ct);
        var device = await harness.Outbox.AppendAsync(Json(MessageKind.Device, null, """{"state":"offline"}"""), _ct);

        await harness.StartAsync(sink, ForwarderHarness.Quick(window: 4));
        var events = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            events.Add((await hub.NextAsync(t => t.StartsWith("devices/", StringComparison.Ordinal), _ct)).Topic);
        }

        var connect = Assert.Single(hub.Connects);
        Assert.Equal(DeviceId, connect.ClientId);
        Assert.Equal($"localhost/{DeviceId}/?api-version=2021-04-12", connect.UserName);
        Assert.Equal(SasToken.Create($"localhost/devices/{DeviceId}", Key, time.GetUtcNow().AddMinutes(60)), connect.Password);
        Assert.Equal(
            [
                $"devices/{DeviceId}/messages/events/$.ct=application%2Fjson&$.ce=utf-8&$.mid=gw-test%3A{alarm}&kind=alarm&priority=high&type=device_silent",
                $"devices/{DeviceId}/messages/events/$.ct=application%2Fjson&$.ce=utf-8&$.mid=gw-test%3A{device}&kind=device",
                $"devices/{DeviceId}/messages/events/$.ct=application%2Fjson&$.ce=utf-8&$.mid=gw-test%3A{reading}&kind=reading&type=pressure",
            ],
            events);
        await ForwarderHarness.WaitUntilAsync(() => harness.Outbox.Depth == 0, "acknowledged and deleted");
    }

    [Fact]
    public async Task Desired_thresholds_are_validated_like_the_config_file_and_reported_accepted_or_rejected_with_the_reason()
    {
        await using var hub = await IotHubEmulator.StartAsync(_ct);
        hub.Twin = """{"desired":{"alarms":{"deviceSilent":{"defaultTimeoutSeconds":45,"devices":{"bed-1":{"silenceTimeoutSeconds":20}}}},"$version":3},"reported":{}}""";
        var remote = new RemoteAlarmSettings(["bed-1", "bed-2"]);
        await using var sink = Sink(hub, TimeProvider.System, remote);

        await sink.ConnectAsync(_ct);
        var accepted = await hub.NextAsync(t => t.StartsWith("$iothub/twin/PATCH/properties/reported/?$rid=", StringComparison.Ordinal), _ct);
        await hub.SendDesiredPatchAsync("""{"alarms":{"deviceSilent":{"defaultTimeoutSeconds":0,"devices":{"bed-9":{"silenceTimeoutSeconds":10}}}},"$version":4}""");
        var rejected = await hub.NextAsync(t => t.StartsWith("$iothub/twin/PATCH/properties/reported/?$rid=", StringComparison.Ordinal), _ct);

        Assert.Equal(
            """{"alarms":{"deviceSilent":{"defaultTimeoutSeconds":45,"devices":{"bed-1":{"silenceTimeoutSeconds":20}}}},"desiredStatus":{"version":3,"status":"accepted","appliedToRules":true,"detail":"applied: the device-silent rule uses these from its next tick"}}""",
            accepted.Payload);
        Assert.Equal(
            """{"alarms":{"deviceSilent":{"defaultTimeoutSeconds":45,"devices":{"bed-1":{"silenceTimeoutSeconds":20}}}},"desiredStatus":{"version":4,"status":"rejected","appliedToRules":false,"detail":"nothing of this version was applied","errors":["alarms.deviceSilent.defaultTimeoutSeconds: must be 1..86400","alarms.deviceSilent.devices.bed-9: no device with this id in the config file"]}}""",
            rejected.Payload);
        Assert.Equal(45, remote.DefaultSilenceSeconds);
        Assert.Equal(20, remote.DeviceSilenceSeconds["bed-1"]);
    }

    [Fact]
    public async Task Direct_methods_are_answered_on_the_response_topic_with_their_request_id()
    {
        await using var hub = await IotHubEmulator.StartAsync(_ct);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 7, 30, 0, 123, TimeSpan.Zero));
        await using var sink = Sink(hub, time);
        await sink.ConnectAsync(_ct);

        await hub.CallMethodAsync("ping", "11", "{}");
        var ping = await hub.NextAsync(t => t.StartsWith("$iothub/methods/res/", StringComparison.Ordinal), _ct);
        await hub.CallMethodAsync("status", "12", "{}");
        var status = await hub.NextAsync(t => t.StartsWith("$iothub/methods/res/", StringComparison.Ordinal), _ct);
        await hub.CallMethodAsync("ackAlarm", "13", """{"alarmId":"device_silent.bed-1.1","by":"Dr Okafor"}""");
        var ack = await hub.NextAsync(t => t.StartsWith("$iothub/methods/res/", StringComparison.Ordinal), _ct);
        await hub.CallMethodAsync("ackAlarm", "15", """{"alarmId":"apnea.bed-2.1"}""");
        var unknownAlarm = await hub.NextAsync(t => t.StartsWith("$iothub/methods/res/", StringComparison.Ordinal), _ct);
        await hub.CallMethodAsync("ackAlarm", "16", """["not", "an", "object"]""");
        var badRequest = await hub.NextAsync(t => t.StartsWith("$iothub/methods/res/", StringComparison.Ordinal), _ct);
        await hub.CallMethodAsync("reboot", "14", "{}");
        var unknown = await hub.NextAsync(t => t.StartsWith("$iothub/methods/res/", StringComparison.Ordinal), _ct);

        Assert.Equal(("$iothub/methods/res/200/?$rid=11", """{"pong":true,"gatewayId":"gw-test","time":"2026-11-24T07:30:00.123Z"}"""), ping);
        Assert.Equal(("$iothub/methods/res/200/?$rid=12", """{"outboxDepth":7}"""), status);
        Assert.Equal(("$iothub/methods/res/200/?$rid=13", """{"alarmId":"device_silent.bed-1.1","state":"acknowledged","acknowledgedBy":"IoT Hub (Dr Okafor)"}"""), ack);
        Assert.Equal(("$iothub/methods/res/404/?$rid=15", """{"error":"no active alarm apnea.bed-2.1"}"""), unknownAlarm);
        Assert.Equal("$iothub/methods/res/400/?$rid=16", badRequest.Topic);
        Assert.Equal("$iothub/methods/res/404/?$rid=14", unknown.Topic);
    }

    [Fact]
    public async Task The_SAS_token_is_renewed_mid_stream_by_reconnecting_and_no_message_is_lost()
    {
        await using var hub = await IotHubEmulator.StartAsync(_ct);
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_767_225_600));
        await using var sink = Sink(hub, time);
        await using var harness = await ForwarderHarness.OpenAsync();
        var seqs = new List<long>();
        for (var i = 0; i < 300; i++)
        {
            seqs.Add(await harness.Outbox.AppendAsync(Json(MessageKind.Reading, null, """{"type":"pressure","pressureKpa":400}"""), _ct));
        }

        var sent = 0;
        hub.OnPublish = topic =>
        {
            // After 100 messages, 56 minutes pass: the 60-minute token is inside its 5-minute renewal margin.
            if (topic.StartsWith("devices/", StringComparison.Ordinal) && Interlocked.Increment(ref sent) == 100)
            {
                time.Advance(TimeSpan.FromMinutes(56));
            }
        };

        await harness.StartAsync(sink, ForwarderHarness.Quick(window: 16));
        await ForwarderHarness.WaitUntilAsync(() => harness.Outbox.Depth == 0, "everything delivered across the renewal");

        var received = new List<string>();
        while (hub.Published.Reader.TryRead(out var published))
        {
            if (published.Topic.StartsWith("devices/", StringComparison.Ordinal))
            {
                received.Add(published.Topic);
            }
        }

        var passwords = hub.Connects.Select(c => c.Password).ToList();
        Assert.Equal(2, passwords.Count);
        Assert.EndsWith($"&se={1_767_225_600 + 3600}", passwords[0], StringComparison.Ordinal);
        Assert.EndsWith($"&se={1_767_225_600 + (56 * 60) + 3600}", passwords[1], StringComparison.Ordinal);
        var ids = received.Select(t => t.Split("$.mid=")[1].Split('&')[0]).ToList();
        Assert.Equal(seqs.Select(s => $"gw-test%3A{s}"), ids.Distinct());
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    private IotHubCloudSink Sink(IotHubEmulator hub, TimeProvider time, RemoteAlarmSettings? remote = null)
    {
        var keyFile = _secrets.File("device.key");
        File.WriteAllText(keyFile, Key + "\n");
        File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var options = new IotHubCloudOptions
        {
            HostName = "localhost",
            DeviceId = DeviceId,
            SharedAccessKeyFile = keyFile,
            CaFile = hub.CaFile,
            Port = hub.Port,
        };
        return new IotHubCloudSink(options, "gw-test", time, remote ?? new RemoteAlarmSettings([]), _ => Task.FromResult(JsonSerializer.SerializeToElement(new { outboxDepth = 7 })),
            (alarmId, by, _) => alarmId == "device_silent.bed-1.1" ? Task.FromResult(JsonSerializer.SerializeToElement(new { alarmId, state = "acknowledged", acknowledgedBy = by })) : throw new ArgumentException($"no active alarm {alarmId}"),
            NullLogger<IotHubCloudSink>.Instance);
    }

    private static OutboxDraft Json(MessageKind kind, AlarmPriority? priority, string data) =>
        new(kind, "bed-1", priority, DateTimeOffset.UtcNow,
            (seq, id) => Encoding.UTF8.GetBytes($$"""{"schema":"edgegw/1","seq":{{seq}},"id":"{{id}}","kind":"{{kind.ToString().ToLowerInvariant()}}","data":{{data}}}"""));
}
