using System.Text;
using System.Threading.Channels;
using MQTTnet;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>An MQTT subscriber for tests: every message received, in order, to wait on with a timeout.</summary>
public sealed class MqttProbe : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Channel<(string Topic, string Payload, bool Retained)> _messages = Channel.CreateUnbounded<(string, string, bool)>();

    private MqttProbe(IMqttClient client) => _client = client;

    public static async Task<MqttProbe> SubscribeAsync(int port, string filter, CancellationToken cancellationToken)
    {
        var factory = new MqttClientFactory();
        var probe = new MqttProbe(factory.CreateMqttClient());
        probe._client.ApplicationMessageReceivedAsync += e =>
        {
            var message = e.ApplicationMessage;
            probe._messages.Writer.TryWrite((message.Topic, Encoding.UTF8.GetString(message.Payload), message.Retain));
            return Task.CompletedTask;
        };
        await probe._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId($"probe-{Guid.NewGuid():N}").Build(), cancellationToken);
        await probe._client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter(filter).Build(), cancellationToken);
        return probe;
    }

    /// <summary>The next message whose topic and payload match, skipping others; fails after the timeout.</summary>
    public async Task<(string Topic, string Payload, bool Retained)> NextAsync(Func<string, string, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var message = await _messages.Reader.ReadAsync(limit.Token);
                if (match(message.Topic, message.Payload))
                {
                    return message;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no matching MQTT message within {timeout}");
        }
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
