using System.Net;
using System.Text.Json;
using EdgeGateway.Admin;
using EdgeGateway.Hosting;
using EdgeGateway.Outbox;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Hosting;

/// <summary>
/// The built daemon with an MQTT call button on its embedded broker and the cloud unreachable: a call raised,
/// the daemon stopped (SIGTERM) or killed (SIGKILL) and started again.
/// </summary>
public sealed class AlarmRestoreProcessTests : IDisposable
{
    private const string ButtonTopic = "ward/3A/bed7/call";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("TERM")]
    [InlineData("KILL")]
    public async Task A_call_active_when_the_daemon_stops_is_listed_and_retained_again_with_the_same_id_after_it_starts_and_the_outbox_holds_one_raise(string signal)
    {
        var brokerPort = LoopbackPorts.Free(IPAddress.Loopback);
        var config = DaemonConfigFile.Write(_dir, $$"""
            "cloud": { "kind": "mqtt", "mqtt": { "host": "127.0.0.1", "port": {{LoopbackPorts.Free(IPAddress.Loopback)}}, "tls": false } },
            "alarms": { "callEscalation": { "escalationSeconds": [600] } },
            "devices": [{ "id": "call-7", "type": "callButton", "mqtt": { "topic": "{{ButtonTopic}}" } }]
            """, brokerPort);
        string alarmId;
        await using (var first = EdgegwProcess.Start("run", "--config", config))
        {
            await first.WaitForLineAsync(line => line.Contains("ready in", StringComparison.Ordinal), Wait);
            await using (var local = await MqttProbe.SubscribeAsync(brokerPort, "edgegw/ward-test/alarms/#", _ct))
            {
                await using (var button = await CallButtonPublisher.ConnectAsync(brokerPort, _ct))
                {
                    await button.PublishAsync(ButtonTopic, "pressed", _ct);
                }

                var raised = await local.NextAsync((_, payload) => payload.Contains("\"state\":\"raised\"", StringComparison.Ordinal), Wait, _ct);
                alarmId = raised.Topic.Split('/')[^1];
            }

            // Killed only once the raise is durable, as the outbox promises nothing before.
            while ((await AdminClient.RequestAsync(_dir.File("admin.sock"), new AdminRequest("outbox"), _ct)).GetProperty("alarmDepth").GetInt64() < 1)
            {
                await Task.Delay(20, _ct);
            }

            first.Signal(signal);
            await first.WaitForExitAsync(TimeSpan.FromSeconds(10));
        }

        await using (var second = EdgegwProcess.Start("run", "--config", config))
        {
            var restored = await second.WaitForLineAsync(line => line.Contains("restored after a restart", StringComparison.Ordinal), Wait);
            await second.WaitForLineAsync(line => line.Contains("ready in", StringComparison.Ordinal), Wait);

            var (exitCode, output) = await EdgegwProcess.RunAsync(null, "alarms", "--json", "--socket", _dir.File("admin.sock"));
            (string Topic, string Payload, bool Retained) retained;
            await using (var local = await MqttProbe.SubscribeAsync(brokerPort, "edgegw/ward-test/alarms/#", _ct))
            {
                retained = await local.NextAsync((topic, _) => topic.EndsWith("/" + alarmId, StringComparison.Ordinal), Wait, _ct);
            }

            Assert.Contains(alarmId, restored, StringComparison.Ordinal);
            Assert.Equal(0, exitCode);
            var listed = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray());
            Assert.Equal((alarmId, "raised"), (listed.GetProperty("alarmId").GetString(), listed.GetProperty("state").GetString()));
            Assert.True(retained.Retained);
            Assert.Equal("raised", JsonDocument.Parse(retained.Payload).RootElement.GetProperty("state").GetString());
            second.Signal("TERM");
            Assert.Equal(0, await second.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        }

        await using var outbox = await OutboxFixture.OpenAsync(OutboxFixture.Settings(_dir.File("data")));
        var transitions = (await outbox.ReadAsync(0, 10_000, _ct))
            .Where(r => r.Kind == MessageKind.Alarm)
            .Select(r => JsonDocument.Parse(r.Payload).RootElement.GetProperty("data"))
            .Select(d => (d.GetProperty("alarmId").GetString(), d.GetProperty("state").GetString()));
        Assert.Equal([(alarmId, "raised")], transitions);
        Assert.Equal(alarmId, Assert.Single(await outbox.LoadActiveAlarmsAsync(_ct)).Alarm.AlarmId);
    }
}
