using System.Buffers;
using System.Net;
using System.Net.Sockets;
using EdgeGateway.Configuration;
using EdgeGateway.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace EdgeGateway.LocalBroker;

/// <summary>
/// The MQTT broker on the box (MQTTnet.Server) for ward displays and MQTT call buttons (design.md §4.3).
/// It runs whether or not the cloud is reachable: local annunciation never depends on the uplink.
/// </summary>
public sealed partial class EmbeddedBroker : IHostedService, IAsyncDisposable
{
    public const string ServerClientId = "edgegw";

    private readonly LocalBrokerOptions _options;
    private readonly ILogger<EmbeddedBroker> _logger;
    private readonly Lock _observersGate = new();
    private readonly Dictionary<string, Action<string, ReadOnlySequence<byte>>[]> _observers = new(StringComparer.Ordinal);
    private MqttServer? _server;

    public EmbeddedBroker(LocalBrokerOptions options, ILogger<EmbeddedBroker> logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>The TCP port it listens on (resolved when the configured port is 0).</summary>
    public int Port { get; private set; }

    public bool IsRunning => _server?.IsStarted == true;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return;
        }

        var address = IPAddress.Parse(_options.BindAddress);
        Port = _options.Port == 0 ? LoopbackPorts.Free(address) : _options.Port;
        var builder = new MqttServerFactory().CreateServerOptionsBuilder().WithDefaultEndpoint().WithDefaultEndpointPort(Port);
        builder = address.AddressFamily == AddressFamily.InterNetworkV6
            ? builder.WithDefaultEndpointBoundIPV6Address(address).WithDefaultEndpointBoundIPAddress(IPAddress.None)
            : builder.WithDefaultEndpointBoundIPAddress(address).WithDefaultEndpointBoundIPV6Address(IPAddress.None);
        _server = new MqttServerFactory().CreateMqttServer(builder.Build());
        _server.InterceptingPublishAsync += OnPublishAsync;
        try
        {
            await _server.StartAsync();
        }
        catch (SocketException e)
        {
            LogCannotListen(_logger, _options.BindAddress, Port, e.Message);
            throw new InvalidOperationException($"localBroker: cannot listen on {_options.BindAddress}:{Port}: {e.Message} (is another broker running? set localBroker.port)", e);
        }

        LogListening(_logger, _options.BindAddress, Port);
    }

    /// <summary>Publishes from the gateway itself (QoS 1). A no-op when the broker is disabled.</summary>
    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, bool retain, CancellationToken cancellationToken)
    {
        if (_server is not { IsStarted: true } server)
        {
            return Task.CompletedTask;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .WithRetainFlag(retain)
            .Build();
        return server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = ServerClientId }, cancellationToken);
    }

    /// <summary>
    /// Hands every client's publish on exactly <paramref name="topic"/> to <paramref name="onPublish"/> (client id,
    /// payload), for MQTT call buttons. It runs on the broker's receive path: copy what is needed and return at
    /// once, never block or throw. Publishes of the gateway itself are not observed. Dispose the result to stop.
    /// </summary>
    public IDisposable ObservePublishes(string topic, Action<string, ReadOnlySequence<byte>> onPublish)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(onPublish);
        lock (_observersGate)
        {
            // Copy on write: the receive path calls a snapshot of the observers outside the lock.
            _observers[topic] = [.. _observers.GetValueOrDefault(topic) ?? [], onPublish];
        }

        return new PublishObservation(this, topic, onPublish);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { IsStarted: true } server)
        {
            await server.StopAsync(new MqttServerStopOptions());
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None);
        _server?.Dispose();
    }

    private Task OnPublishAsync(InterceptingPublishEventArgs args)
    {
        if (args.ClientId == ServerClientId)
        {
            return Task.CompletedTask;
        }

        Action<string, ReadOnlySequence<byte>>[]? observers;
        lock (_observersGate)
        {
            observers = _observers.GetValueOrDefault(args.ApplicationMessage.Topic);
        }

        foreach (var observer in observers ?? [])
        {
            observer(args.ClientId, args.ApplicationMessage.Payload);
        }

        return Task.CompletedTask;
    }

    private void StopObserving(string topic, Action<string, ReadOnlySequence<byte>> onPublish)
    {
        lock (_observersGate)
        {
            var remaining = (_observers.GetValueOrDefault(topic) ?? []).Where(o => o != onPublish).ToArray();
            if (remaining.Length == 0)
            {
                _observers.Remove(topic);
            }
            else
            {
                _observers[topic] = remaining;
            }
        }
    }

    [LoggerMessage(EventId = 1300, Level = LogLevel.Information, Message = "Local MQTT broker listening on {Address}:{Port}")]
    private static partial void LogListening(ILogger logger, string address, int port);

    [LoggerMessage(EventId = 1301, Level = LogLevel.Critical, Message = "Local MQTT broker cannot listen on {Address}:{Port}: {Reason}")]
    private static partial void LogCannotListen(ILogger logger, string address, int port, string reason);

    private sealed class PublishObservation(EmbeddedBroker broker, string topic, Action<string, ReadOnlySequence<byte>> onPublish) : IDisposable
    {
        public void Dispose() => broker.StopObserving(topic, onPublish);
    }
}
