using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using EdgeGateway.Configuration;
using EdgeGateway.Outbox;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Cloud;

/// <summary>
/// Any MQTT 3.1.1 or 5 broker as the cloud (design.md §4.2): TLS validated against the configured CA (or
/// the system store), optional client certificate, password from a secret file, QoS 1, topics
/// <c>{prefix}/{gatewayId}/{kind}/{deviceId}</c>.
/// </summary>
public sealed class MqttCloudSink : ICloudSink
{
    private readonly MqttCloudOptions _options;
    private readonly string _gatewayId;
    private readonly IMqttClient _client;

    public MqttCloudSink(MqttCloudOptions options, string gatewayId)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _gatewayId = gatewayId;
        _client = new MqttClientFactory().CreateMqttClient();
        Endpoint = $"{(options.Tls ? "mqtts" : "mqtt")}://{options.Host}:{options.Port}";
    }

    public string Endpoint { get; }

    public bool IsConnected => _client.IsConnected;

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            return;
        }

        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(_options.Host, _options.Port)
            .WithClientId(_options.ClientId ?? _gatewayId)
            .WithProtocolVersion(_options.ProtocolVersion == "5" ? MqttProtocolVersion.V500 : MqttProtocolVersion.V311)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(_options.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(10))
            .WithCleanSession(true);
        if (_options.Username is not null)
        {
            builder = builder.WithCredentials(_options.Username, _options.PasswordFile is null ? null : SecretFile.Read(_options.PasswordFile));
        }

        if (_options.Tls)
        {
            builder = builder.WithTlsOptions(TlsOptions());
        }

        await _client.ConnectAsync(builder.Build(), cancellationToken);
    }

    public async Task PublishAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var kind = record.Kind.ToString().ToLowerInvariant();
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic($"{_options.TopicPrefix}/{_gatewayId}/{kind}/{record.DeviceId ?? "gateway"}")
            .WithPayload(record.Payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (_options.ProtocolVersion == "5")
        {
            // Properties exist only in MQTT 5; a 3.1.1 connection refuses a message that carries them.
            builder = builder.WithContentType("application/json");
        }

        var message = builder.Build();
        var result = await _client.PublishAsync(message, cancellationToken);
        if (result.ReasonCode is not (MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers))
        {
            throw new InvalidOperationException($"broker refused message {record.Id}: {result.ReasonCode} {result.ReasonString}");
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
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // Already gone.
        }

        _client.Dispose();
    }

    private MqttClientTlsOptions TlsOptions()
    {
        var builder = new MqttClientTlsOptionsBuilder().UseTls().WithTargetHost(_options.Host);
        if (_options.CaFile is { } caFile)
        {
            var trusted = new X509Certificate2Collection();
            trusted.ImportFromPemFile(caFile);
            builder = builder.WithCertificateValidationHandler(args => IsTrusted(args.Certificate, args.SslPolicyErrors, trusted));
        }

        if (_options.ClientCertificateFile is { } certFile && _options.ClientKeyFile is { } keyFile)
        {
            SecretFile.EnsurePrivate(keyFile);
            builder = builder.WithClientCertificates([X509Certificate2.CreateFromPemFile(certFile, keyFile)]);
        }

        return builder.Build();
    }

    /// <summary>The broker's certificate must chain to the configured CA and match the host name; nothing else is accepted.</summary>
    internal static bool IsTrusted(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection trusted)
    {
        if (certificate is null || (errors & (SslPolicyErrors.RemoteCertificateNameMismatch | SslPolicyErrors.RemoteCertificateNotAvailable)) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(leaf);
    }
}
