using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>An MQTT call button for tests: a client that publishes raw payloads (QoS 1, so each publish is acknowledged by the broker).</summary>
public sealed class CallButtonPublisher : IAsyncDisposable
{
    private readonly IMqttClient _client;

    private CallButtonPublisher(IMqttClient client) => _client = client;

    public static async Task<CallButtonPublisher> ConnectAsync(int port, CancellationToken cancellationToken)
    {
        var client = new MqttClientFactory().CreateMqttClient();
        await client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"button-{Guid.NewGuid():N}").Build(), cancellationToken);
        return new CallButtonPublisher(client);
    }

    public Task PublishAsync(string topic, string payload, CancellationToken cancellationToken, bool retain = false) =>
        PublishAsync(topic, System.Text.Encoding.UTF8.GetBytes(payload), cancellationToken, retain);

    public async Task PublishAsync(string topic, byte[] payload, CancellationToken cancellationToken, bool retain = false)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        await _client.PublishAsync(message, cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
