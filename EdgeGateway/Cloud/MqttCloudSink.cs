using EdgeGateway.Configuration;
using EdgeGateway.Outbox;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Cloud;

/// <summary>
/// Any MQTT 3.1.1 or 5 broker as the cloud (design.md §4.2): TLS validated against the configured CA (or
/// the system store), optional client certificate, password from a secret file, QoS 1, topics from
/// <see cref="TopicLayout"/>; on MQTT 5 also content type and message expiry, and a refusal reason code
/// in the PUBACK is reported as a refusal of that message.
/// </summary>
public sealed class MqttCloudSink : ICloudSink
{
    private readonly MqttCloudOptions _options;
    private readonly string _gatewayId;
    private readonly IMqttClient _client;
    private readonly TopicLayout _topics;
    private readonly CloudTls? _tls;
    private readonly bool _v5;
    private long _maxMessageBytes;

    public MqttCloudSink(MqttCloudOptions options, string gatewayId)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _gatewayId = gatewayId;
        _client = new MqttClientFactory().CreateMqttClient();
        _topics = TopicLayout.Create(options.TopicLayout, options.TopicPrefix, gatewayId);
        _tls = options.Tls ? new CloudTls(options.Host, options.CaFile, options.ClientCertificateFile, options.ClientKeyFile) : null;
        _v5 = options.ProtocolVersion == "5";
        _maxMessageBytes = options.MaxMessageBytes;
        Endpoint = $"{(options.Tls ? "mqtts" : "mqtt")}://{options.Host}:{options.Port}";
    }

    public string Endpoint { get; }

    public bool IsConnected => _client.IsConnected;

    public bool CredentialsNeedRenewal => false;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            return;
        }

        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId ?? _gatewayId)
            .WithProtocolVersion(_v5 ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(_options.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithCleanSession(true);
        if (_options.Username is not null)
        {
            builder = builder.WithCredentials(_options.Username, _options.PasswordFile is null ? null : SecretFile.Read(_options.PasswordFile));
        }

        if (_tls is not null)
        {
            builder = builder.WithTlsOptions(_tls.Build());
        }

        MqttClientConnectResult result;
        try
        {
            result = await _client.ConnectAsync(builder.Build(), cancellationToken);
        }
        catch (MqttCommunicationException e)
        {
            throw _tls?.Explain(e, Endpoint) ?? new CloudUnavailableException($"cannot connect to {Endpoint}: {e.InnerException?.Message ?? e.Message}", e);
        }

        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw ConnectRefusal.Describe(result.ResultCode, result.ReasonString, Endpoint);
        }

        // MQTT 5 §3.2.2.3.6: the broker may announce the largest packet it accepts.
        _maxMessageBytes = result.MaximumPacketSize is { } announced and > 0 ? Math.Min(_options.MaxMessageBytes, announced) : _options.MaxMessageBytes;
    }

    public async Task PublishAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.Payload.Length > Interlocked.Read(ref _maxMessageBytes))
        {
            throw new CloudRefusedException($"message {record.Id} is {record.Payload.Length} bytes, over the limit of {_maxMessageBytes} bytes for {Endpoint}");
        }

        var builder = new MqttApplicationMessageBuilder()
            .WithTopic(_topics.Topic(record.Kind, record.DeviceId))
            .WithPayload(record.Payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_v5)
        {
            // Properties exist only in MQTT 5 (§3.3.2.3); a 3.1.1 connection refuses a message that carries them.
            builder = builder.WithContentType("application/json").WithPayloadFormatIndicator(MqttPayloadFormatIndicator.CharacterData);
            if (_options.MessageExpirySeconds is { } expiry)
            {
                builder = builder.WithMessageExpiryInterval((uint)expiry);
            }
        }

        var result = await _client.PublishAsync(builder.Build(), cancellationToken);
        switch (result.ReasonCode)
        {
            case MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers:
                return;
            case MqttClientPublishReasonCode.QuotaExceeded:
                // MQTT 5 §3.4.2.1: a full broker, not a bad message: back off and send it again.
                throw new CloudUnavailableException($"{Endpoint} is over its quota: {result.ReasonString}", ConnectRefusal.BusyBackoff);
            default:
                throw new CloudRefusedException($"{Endpoint} refused message {record.Id}: {result.ReasonCode}{(string.IsNullOrEmpty(result.ReasonString) ? "" : $" ({result.ReasonString})")}");
        }
    }

    public async Task DisconnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync(new MqttClientDisconnectOptions(), cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await DisconnectAsync(CancellationToken.None);
        }
        catch (MqttCommunicationException)
        {
            // Already gone.
        }

        _client.Dispose();
    }
}
