using System.Buffers;
using System.Threading.Channels;
using EdgeGateway.Cloud;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.LocalBroker;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using Polly;
using Polly.Retry;

namespace EdgeGateway.Devices;

/// <summary>
/// An MQTT nurse-call button (docs/protocols/call-buttons.md): every publish on its topic is decoded by
/// <see cref="MqttButtonPayload"/> into the same <see cref="CallButtonReading"/> a GPIO button emits; a payload it
/// refuses is counted (reason <c>malformed</c>) and logged by a short prefix, and the next one is read as usual.
/// On the embedded broker it observes client publishes without subscribing; at an external broker it subscribes
/// (QoS 1) and reconnects with backoff, reporting the device offline meanwhile. It lives beside the host rather than
/// in EdgeGateway.Drivers because it shares the embedded broker and the cloud link's TLS validation.
/// </summary>
public sealed class MqttCallButtonDriver : IDeviceDriver
{
    /// <summary>Messages waiting to be decoded; a flood beyond this is dropped (counted as overflow), never buffered without bound.</summary>
    public const int Backlog = 64;

    private readonly string _deviceId;
    private readonly MqttCallButtonOptions _options;
    private readonly string _clientId;
    private readonly EmbeddedBroker _broker;
    private readonly DriverMetrics _metrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly string _brokerName;
    private DeviceState? _reported;
    private TaskCompletionSource<string>? _sessionLost;

    /// <summary>
    /// <paramref name="gatewayId"/> makes the default client id at an external broker (<c>{gatewayId}-{deviceId}</c>);
    /// <paramref name="broker"/> is the embedded broker, used when <see cref="MqttCallButtonOptions.Broker"/> is null.
    /// </summary>
    public MqttCallButtonDriver(string deviceId, MqttCallButtonOptions options, string gatewayId, EmbeddedBroker broker, DriverMetrics metrics,
        ILogger<MqttCallButtonDriver> logger, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(deviceId);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(broker);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(time);
        _deviceId = deviceId;
        _options = options;
        _clientId = options.Broker?.ClientId ?? $"{gatewayId}-{deviceId}";
        _broker = broker;
        _metrics = metrics;
        _logger = logger;
        _time = time;
        _brokerName = options.Broker is { } external ? $"{(external.Tls ? "mqtts" : "mqtt")}://{external.Host}:{external.Port}" : "the embedded broker";
        DeviceIds = [deviceId];
    }

    public IReadOnlyList<string> DeviceIds { get; }

    public async Task RunAsync(IDeviceEventWriter events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var messages = Channel.CreateBounded<ButtonMessage>(
            new BoundedChannelOptions(Backlog) { SingleReader = true, FullMode = BoundedChannelFullMode.DropWrite },
            _ =>
            {
                _metrics.FrameRejected(_deviceId, "overflow");
                MqttCallButtonLog.Overflow(_logger, _deviceId, Backlog, _options.Topic);
            });
        try
        {
            var listen = _options.Broker is null
                ? ListenEmbeddedAsync(events, messages.Writer, cancellationToken)
                : ListenExternalAsync(events, _options.Broker, messages.Writer, cancellationToken);
            await Task.WhenAll(listen, DecodeAsync(events, messages.Reader, cancellationToken));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            MqttCallButtonLog.Stopped(_logger, _deviceId);
        }
    }

    private async Task DecodeAsync(IDeviceEventWriter events, ChannelReader<ButtonMessage> messages, CancellationToken cancellationToken)
    {
        await foreach (var message in messages.ReadAllAsync(cancellationToken))
        {
            if (message.Retained)
            {
                _metrics.FrameRejected(_deviceId, "retained");
                MqttCallButtonLog.RetainedIgnored(_logger, _deviceId, _options.Topic);
                continue;
            }

            if (!MqttButtonPayload.TryDecode(message.Payload, out var call, out var problem))
            {
                _metrics.FrameRejected(_deviceId, "malformed");
                MqttCallButtonLog.Malformed(_logger, _deviceId, message.Length, _options.Topic, message.ClientId, problem, MqttButtonPayload.Preview(message.Payload));
                continue;
            }

            _metrics.FrameDecoded(_deviceId);
            MqttCallButtonLog.Event(_logger, _deviceId, call);
            await events.WriteAsync(new CallButtonReading(_deviceId, message.ReceivedAt, call), cancellationToken);
        }
    }

    private async Task ListenEmbeddedAsync(IDeviceEventWriter events, ChannelWriter<ButtonMessage> messages, CancellationToken cancellationToken)
    {
        if (!_broker.IsRunning)
        {
            MqttCallButtonLog.EmbeddedBrokerDisabled(_logger, _deviceId);
            await ReportAsync(events, DeviceState.Offline, "the embedded broker is disabled (localBroker.enabled is false): enable it or set mqtt.broker", cancellationToken);
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken);
        }

        using var observation = _broker.ObservePublishes(_options.Topic, (clientId, payload) => Enqueue(messages, clientId, payload, retained: false));
        MqttCallButtonLog.Listening(_logger, _deviceId, _options.Topic, _brokerName);
        await ReportAsync(events, DeviceState.Online, $"listening on {_options.Topic} at the embedded broker", cancellationToken);
        await Task.Delay(Timeout.InfiniteTimeSpan, _time, cancellationToken);
    }

    private async Task ListenExternalAsync(IDeviceEventWriter events, MqttButtonBrokerOptions broker, ChannelWriter<ButtonMessage> messages, CancellationToken cancellationToken)
    {
        using var client = new MqttClientFactory().CreateMqttClient();
        client.ApplicationMessageReceivedAsync += args =>
        {
            var message = args.ApplicationMessage;
            if (message.Topic == _options.Topic)
            {
                // MQTT 3.1.1 §3.3.1.3: retain is set only on a message replayed because we (re)subscribed.
                Enqueue(messages, "broker", message.Payload, message.Retain);
            }

            return Task.CompletedTask;
        };
        client.DisconnectedAsync += args =>
        {
            if (args.ClientWasConnected)
            {
                Volatile.Read(ref _sessionLost)?.TrySetResult(args.Exception?.Message ?? args.ReasonString ?? args.Reason.ToString());
            }

            return Task.CompletedTask;
        };

        var connect = ConnectPipeline(events);
        try
        {
            await ReportAsync(events, DeviceState.Connecting, $"connecting to {_brokerName}", cancellationToken);
            while (true)
            {
                var lost = await connect.ExecuteAsync(token => SubscribeAsync(client, broker, token), cancellationToken);
                MqttCallButtonLog.Listening(_logger, _deviceId, _options.Topic, _brokerName);
                await ReportAsync(events, DeviceState.Online, $"subscribed to {_options.Topic} at {_brokerName}", cancellationToken);
                var reason = await lost.WaitAsync(cancellationToken);
                MqttCallButtonLog.ConnectionLost(_logger, _deviceId, _brokerName, reason);
                _metrics.Reconnect(_deviceId);
                await ReportAsync(events, DeviceState.Offline, $"lost {_brokerName}: {reason}", cancellationToken);
            }
        }
        finally
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
            }
        }
    }

    /// <summary>Connects and subscribes; returns the task that completes (with the reason) when this session is lost.</summary>
    private async ValueTask<Task<string>> SubscribeAsync(IMqttClient client, MqttButtonBrokerOptions broker, CancellationToken cancellationToken)
    {
        // A fresh signal per attempt: a disconnect from an earlier, failed attempt must not end this session.
        var lost = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _sessionLost, lost);
        try
        {
            await client.ConnectAsync(ClientOptions(broker), cancellationToken);
            var subscribe = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(_options.Topic, MqttQualityOfServiceLevel.AtLeastOnce).Build();
            var result = await client.SubscribeAsync(subscribe, cancellationToken);
            foreach (var item in result.Items.Where(i => i.ResultCode > MqttClientSubscribeResultCode.GrantedQoS2))
            {
                throw new InvalidOperationException($"the broker refused the subscription to {_options.Topic}: {item.ResultCode}");
            }

            return lost.Task;
        }
        catch (Exception) when (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
            throw;
        }
    }

    private MqttClientOptions ClientOptions(MqttButtonBrokerOptions broker)
    {
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(broker.Host, broker.Port)
            .WithClientId(_clientId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(broker.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithCleanSession(true);
        if (broker.Username is not null)
        {
            builder = builder.WithCredentials(broker.Username, broker.PasswordFile is null ? null : SecretFile.Read(broker.PasswordFile));
        }

        if (broker.Tls)
        {
            // The same validation as the cloud link: the broker's certificate must chain to the CA and name the host.
            builder = builder.WithTlsOptions(new CloudTls(broker.Host, broker.CaFile, certificateFile: null, keyFile: null).Build());
        }

        return builder.Build();
    }

    private ResiliencePipeline ConnectPipeline(IDeviceEventWriter events) =>
        new ResiliencePipelineBuilder { TimeProvider = _time }
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(e => e is not OperationCanceledException),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromSeconds(1),
                MaxDelay = TimeSpan.FromSeconds(60),
                MaxRetryAttempts = int.MaxValue,
                OnRetry = async args =>
                {
                    var reason = args.Outcome.Exception?.Message ?? "unknown error";
                    MqttCallButtonLog.ConnectFailed(_logger, _deviceId, _brokerName, reason, (long)args.RetryDelay.TotalMilliseconds, args.AttemptNumber + 1);
                    _metrics.Reconnect(_deviceId);
                    await ReportAsync(events, DeviceState.Offline, $"cannot subscribe at {_brokerName}: {reason}", args.Context.CancellationToken);
                },
            })
            .Build();

    private void Enqueue(ChannelWriter<ButtonMessage> messages, string clientId, ReadOnlySequence<byte> payload, bool retained)
    {
        // The broker reuses its buffers: copy, but never more than the decoder reads (one byte over the limit says "too long").
        var copy = new byte[Math.Min(payload.Length, MqttButtonPayload.MaxLength + 1)];
        payload.Slice(0, copy.Length).CopyTo(copy);
        messages.TryWrite(new ButtonMessage(copy, payload.Length, clientId, retained, _time.GetUtcNow()));
    }

    private async ValueTask ReportAsync(IDeviceEventWriter events, DeviceState state, string detail, CancellationToken cancellationToken)
    {
        if (_reported == state)
        {
            return;
        }

        _reported = state;
        await events.WriteAsync(new DeviceStatusChange(_deviceId, _time.GetUtcNow(), state, detail), cancellationToken);
    }

    /// <summary>One publish on the button's topic, as received (payload copied, at most one byte over the limit).</summary>
    private sealed record ButtonMessage(byte[] Payload, long Length, string ClientId, bool Retained, DateTimeOffset ReceivedAt);
}
