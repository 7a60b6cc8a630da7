using System.Text.Json;
using MQTTnet;

namespace EdgeGateway.Demo;

/// <summary>
/// Stands in for the cloud dashboard: subscribes to what the forwarder delivers to the embedded broker and
/// counts it by kind, and alarm transitions by alarm type. A message delivered twice (at least once) is
/// counted once, by its <c>id</c>.
/// </summary>
internal sealed class DemoCloudViewer : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _byKind = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _alarmsByType = new(StringComparer.Ordinal);

    private DemoCloudViewer(IMqttClient client) => _client = client;

    /// <summary>Distinct messages received.</summary>
    public long Received
    {
        get
        {
            lock (_gate)
            {
                return _ids.Count;
            }
        }
    }

    /// <summary>Distinct messages of one kind (<c>reading</c>, <c>alarm</c>, <c>device</c>).</summary>
    public long OfKind(string kind)
    {
        lock (_gate)
        {
            return _byKind.GetValueOrDefault(kind);
        }
    }

    /// <summary>Distinct alarm transitions of one alarm type.</summary>
    public long AlarmsOfType(string type)
    {
        lock (_gate)
        {
            return _alarmsByType.GetValueOrDefault(type);
        }
    }

    public static async Task<DemoCloudViewer> ConnectAsync(int port, string topicFilter, CancellationToken cancellationToken)
    {
        var factory = new MqttClientFactory();
        var viewer = new DemoCloudViewer(factory.CreateMqttClient());
        viewer._client.ApplicationMessageReceivedAsync += e =>
        {
            viewer.Count(e.ApplicationMessage.Payload);
            return Task.CompletedTask;
        };
        await viewer._client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("demo-cloud-viewer").Build(), cancellationToken);
        await viewer._client.SubscribeAsync(factory.CreateSubscribeOptionsBuilder().WithTopicFilter(topicFilter).Build(), cancellationToken);
        return viewer;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }

    private void Count(System.Buffers.ReadOnlySequence<byte> payload)
    {
        string? id;
        string? kind;
        string? alarmType = null;
        try
        {
            var reader = new Utf8JsonReader(payload);
            using var message = JsonDocument.ParseValue(ref reader);
            var root = message.RootElement;
            id = root.GetProperty("id").GetString();
            kind = root.GetProperty("kind").GetString();
            if (kind == "alarm")
            {
                alarmType = root.GetProperty("data").GetProperty("type").GetString();
            }
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            // Not a telemetry message: nothing the dashboard would show.
            return;
        }

        if (id is null || kind is null)
        {
            return;
        }

        lock (_gate)
        {
            if (!_ids.Add(id))
            {
                return;
            }

            _byKind[kind] = _byKind.GetValueOrDefault(kind) + 1;
            if (alarmType is not null)
            {
                _alarmsByType[alarmType] = _alarmsByType.GetValueOrDefault(alarmType) + 1;
            }
        }
    }
}
