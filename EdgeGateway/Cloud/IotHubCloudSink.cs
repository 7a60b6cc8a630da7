using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Admin;
using EdgeGateway.Configuration;
using EdgeGateway.Outbox;
using Microsoft.Extensions.Logging;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace EdgeGateway.Cloud;

/// <summary>
/// Azure IoT Hub through its documented MQTT 3.1.1 device protocol, without the Azure SDK (design.md §4.2;
/// IoT Hub docs, "Communicate with an IoT hub using the MQTT protocol"): client id = device id, username
/// <c>{hostName}/{deviceId}/?api-version=2021-04-12</c>, password a SAS token renewed by reconnecting before it
/// expires (or an X.509 client certificate); D2C with a property bag; C2D, twin desired properties and direct
/// methods answered on the same connection.
/// </summary>
public sealed partial class IotHubCloudSink : ICloudSink
{
    /// <summary>IoT Hub's device-to-cloud message size limit.</summary>
    public const int MaxMessageBytes = 256 * 1024;

    private const string ApiVersion = "2021-04-12";

    private readonly IotHubCloudOptions _options;
    private readonly TimeProvider _time;
    private readonly RemoteAlarmSettings _remote;
    private readonly Func<CancellationToken, Task<JsonElement>> _statusReport;
    private readonly Func<string, string, CancellationToken, Task<JsonElement>> _acknowledgeAlarm;
    private readonly ILogger _logger;
    private readonly IMqttClient _client;
    private readonly string _gatewayId;
    private CloudTls? _tls;
    private string _hostName;
    private string _deviceId;
    private DateTimeOffset? _tokenExpiry;
    private int _requestId;

    /// <param name="statusReport">What the <c>status</c> direct method answers (the gateway's status report).</param>
    /// <param name="acknowledgeAlarm">What the <c>ackAlarm</c> direct method does: acknowledge (alarm id, by whom) in the engine.</param>
    public IotHubCloudSink(IotHubCloudOptions options, string gatewayId, TimeProvider time, RemoteAlarmSettings remote, Func<CancellationToken, Task<JsonElement>> statusReport,
        Func<string, string, CancellationToken, Task<JsonElement>> acknowledgeAlarm, ILogger<IotHubCloudSink> logger)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _gatewayId = gatewayId;
        _time = time;
        _remote = remote;
        _statusReport = statusReport;
        _acknowledgeAlarm = acknowledgeAlarm;
        _logger = logger;
        _hostName = options.HostName ?? "";
        _deviceId = options.DeviceId ?? "";
        _client = new MqttClientFactory().CreateMqttClient();
        _client.ApplicationMessageReceivedAsync += OnMessageAsync;
    }

    public string Endpoint => _options.Transport == IotHubTransport.WebSocket
        ? $"wss://{HostLabel}:{_options.EffectivePort}/$iothub/websocket"
        : $"mqtts://{HostLabel}:{_options.EffectivePort}";

    public bool IsConnected => _client.IsConnected;

    public bool CredentialsNeedRenewal =>
        _tokenExpiry is { } expiry && _time.GetUtcNow() >= expiry - TimeSpan.FromSeconds(_options.TokenRenewalMarginSeconds);

    /// <summary>When the SAS token of the current connection expires (null with X.509).</summary>
    public DateTimeOffset? TokenExpiry => _tokenExpiry;

    private string HostLabel => _hostName.Length > 0 ? _hostName : "iot-hub";

    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            return;
        }

        string? key = null;
        if (_options.ConnectionStringFile is { } connectionFile)
        {
            var connection = IotHubConnectionString.Parse(SecretFile.Read(connectionFile));
            (_hostName, _deviceId, key) = (connection.HostName, connection.DeviceId, connection.SharedAccessKey);
        }
        else if (_options.SharedAccessKeyFile is { } keyFile)
        {
            key = SecretFile.Read(keyFile);
        }

        _tls ??= new CloudTls(_hostName, _options.CaFile, _options.ClientCertificateFile, _options.ClientKeyFile);
        var builder = new MqttClientOptionsBuilder()
            .WithClientId(_deviceId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(_options.KeepAliveSeconds))
            .WithTimeout(TimeSpan.FromSeconds(30))
            .WithCleanSession(true)
            .WithTlsOptions(_tls.Build());
        builder = _options.Transport == IotHubTransport.WebSocket
            ? builder.WithWebSocketServer(o => o.WithUri($"wss://{_hostName}:{_options.EffectivePort.ToString(CultureInfo.InvariantCulture)}/$iothub/websocket?iothub-no-client-cert={(key is null ? "false" : "true")}"))
            : builder.WithTcpServer(_hostName, _options.EffectivePort);

        // IoT Hub MQTT docs: the username names the hub, the device and the API version; the password is a SAS token, or empty with X.509.
        var username = $"{_hostName}/{_deviceId}/?api-version={ApiVersion}";
        DateTimeOffset? expiry = null;
        if (key is not null)
        {
            expiry = _time.GetUtcNow().AddMinutes(_options.TokenLifetimeMinutes);
            builder = builder.WithCredentials(username, SasToken.Create($"{_hostName}/devices/{_deviceId}", key, expiry.Value));
        }
        else
        {
            builder = builder.WithCredentials(username, (string?)null);
        }

        MqttClientConnectResult result;
        try
        {
            result = await _client.ConnectAsync(builder.Build(), cancellationToken);
        }
        catch (MqttCommunicationException e)
        {
            throw _tls.Explain(e, Endpoint);
        }

        if (result.ResultCode != MqttClientConnectResultCode.Success)
        {
            throw ConnectRefusal.Describe(result.ResultCode, result.ReasonString, Endpoint);
        }

        _tokenExpiry = expiry;
        var subscribe = new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter($"devices/{_deviceId}/messages/devicebound/#", MqttQualityOfServiceLevel.AtLeastOnce)
            .WithTopicFilter("$iothub/twin/res/#")
            .WithTopicFilter("$iothub/twin/PATCH/properties/desired/#")
            .WithTopicFilter("$iothub/methods/POST/#")
            .Build();
        await _client.SubscribeAsync(subscribe, cancellationToken);

        // The desired properties may have changed while we were away: ask for the whole twin.
        await SendAsync($"$iothub/twin/GET/?$rid={NextRequestId()}", [], cancellationToken);
    }

    public async Task PublishAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        var topic = IotHubMessageProperties.Topic(_deviceId, record);
        if (record.Payload.Length + Encoding.UTF8.GetByteCount(topic) > MaxMessageBytes)
        {
            throw new CloudRefusedException($"message {record.Id} is {record.Payload.Length} bytes with its properties over IoT Hub's limit of {MaxMessageBytes} bytes");
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(record.Payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await _client.PublishAsync(message, cancellationToken);
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

        _client.ApplicationMessageReceivedAsync -= OnMessageAsync;
        _client.Dispose();
    }

    private async Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var payload = e.ApplicationMessage.Payload.ToArray();
        try
        {
            if (topic.StartsWith("$iothub/methods/POST/", StringComparison.Ordinal))
            {
                await AnswerMethodAsync(topic, payload);
            }
            else if (topic.StartsWith("$iothub/twin/PATCH/properties/desired/", StringComparison.Ordinal))
            {
                await ApplyDesiredAsync(payload, isPatch: true);
            }
            else if (topic.StartsWith("$iothub/twin/res/", StringComparison.Ordinal))
            {
                await OnTwinResponseAsync(topic, payload);
            }
            else if (topic.StartsWith($"devices/{_deviceId}/messages/devicebound/", StringComparison.Ordinal))
            {
                // No cloud-to-device command exists yet: acknowledged (QoS 1) and logged, never acted on.
                LogCloudToDevice(_logger, payload.Length);
            }
        }
        catch (Exception ex) when (ex is JsonException or MqttCommunicationException or InvalidOperationException or OperationCanceledException)
        {
            LogHubMessageFailed(_logger, topic, ex.Message);
        }
    }

    /// <summary>IoT Hub MQTT docs, direct methods: <c>$iothub/methods/POST/{name}/?$rid={id}</c>, answered on <c>$iothub/methods/res/{status}/?$rid={id}</c>.</summary>
    private async Task AnswerMethodAsync(string topic, byte[] payload)
    {
        var rest = topic["$iothub/methods/POST/".Length..];
        var name = rest[..Math.Max(0, rest.IndexOf('/', StringComparison.Ordinal))];
        var rid = QueryValue(topic, "$rid") ?? "";
        var (status, body) = name switch
        {
            "ping" => (200, AdminJson.ToElement(new PingAnswer(true, _gatewayId, _time.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)))),
            "status" => (200, await _statusReport(CancellationToken.None)),
            "ackAlarm" => await AcknowledgeAsync(payload),
            _ => (404, AdminJson.ToElement(new MethodError($"unknown method \"{name}\" (known: ping, status, ackAlarm)"))),
        };
        LogMethod(_logger, name, status, payload.Length);
        await SendAsync($"$iothub/methods/res/{status.ToString(CultureInfo.InvariantCulture)}/?$rid={rid}", JsonSerializer.SerializeToUtf8Bytes(body, AdminJson.Info<JsonElement>()), CancellationToken.None);
    }

    /// <summary><c>ackAlarm</c> with <c>{"alarmId":"…","by":"…"}</c>: 200 with the acknowledged alarm, 400 for a bad request, 404 with the reason otherwise.</summary>
    private async Task<(int Status, JsonElement Body)> AcknowledgeAsync(byte[] payload)
    {
        string? alarmId = null, by = null;
        try
        {
            using var request = JsonDocument.Parse(payload);
            if (request.RootElement.ValueKind == JsonValueKind.Object)
            {
                alarmId = request.RootElement.TryGetProperty("alarmId", out var id) && id.ValueKind == JsonValueKind.String ? id.GetString() : null;
                by = request.RootElement.TryGetProperty("by", out var who) && who.ValueKind == JsonValueKind.String ? who.GetString() : null;
            }
        }
        catch (JsonException)
        {
            // Answered as a bad request below.
        }

        if (string.IsNullOrEmpty(alarmId))
        {
            return (400, AdminJson.ToElement(new MethodError("ackAlarm needs {\"alarmId\":\"…\"} (and optionally \"by\")")));
        }

        try
        {
            return (200, await _acknowledgeAlarm(alarmId, $"IoT Hub ({by ?? "cloud"})", CancellationToken.None));
        }
        catch (ArgumentException e)
        {
            return (404, AdminJson.ToElement(new MethodError(e.Message)));
        }
    }

    private async Task OnTwinResponseAsync(string topic, byte[] payload)
    {
        var status = topic["$iothub/twin/res/".Length..].Split('/')[0];
        if (status == "200" && payload.Length > 0)
        {
            // The answer to GET: the whole twin, whose desired section replaces what was desired before.
            using var twin = JsonDocument.Parse(payload);
            if (twin.RootElement.TryGetProperty("desired", out var desired))
            {
                await ApplyDesiredAsync(Encoding.UTF8.GetBytes(desired.GetRawText()), isPatch: false);
            }
        }
        else if (!status.StartsWith('2'))
        {
            LogTwinRefused(_logger, status, topic);
        }
    }

    /// <summary>Validates desired thresholds; reports what is in force and, for this version, accepted or rejected with every reason.</summary>
    private async Task ApplyDesiredAsync(byte[] payload, bool isPatch)
    {
        using var document = JsonDocument.Parse(payload);
        var desired = document.RootElement;
        var version = desired.TryGetProperty("$version", out var v) && v.TryGetInt64(out var n) ? n : (long?)null;
        var errors = _remote.TryApply(desired, isPatch);
        var result = new JsonObject
        {
            ["version"] = version,
            ["status"] = errors.Count == 0 ? "accepted" : "rejected",
            ["appliedToRules"] = errors.Count == 0,
            ["detail"] = errors.Count == 0
                ? "applied: the device-silent rule uses these from its next tick"
                : "nothing of this version was applied",
        };
        if (errors.Count > 0)
        {
            result["errors"] = new JsonArray([.. errors.Select(e => JsonValue.Create(e))]);
            LogDesiredRejected(_logger, version ?? -1, string.Join("; ", errors));
        }
        else
        {
            LogDesiredAccepted(_logger, version ?? -1);
        }

        var reported = new JsonObject { ["alarms"] = _remote.Reported(), ["desiredStatus"] = result };
        await SendAsync($"$iothub/twin/PATCH/properties/reported/?$rid={NextRequestId()}", Encoding.UTF8.GetBytes(reported.ToJsonString()), CancellationToken.None);
    }

    private async Task SendAsync(string topic, byte[] payload, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtMostOnce).Build();
        await _client.PublishAsync(message, cancellationToken);
    }

    private string NextRequestId() => Interlocked.Increment(ref _requestId).ToString(CultureInfo.InvariantCulture);

    private static string? QueryValue(string topic, string name)
    {
        var query = topic.IndexOf('?', StringComparison.Ordinal);
        if (query < 0)
        {
            return null;
        }

        foreach (var pair in topic[(query + 1)..].Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && pair[..equals] == name)
            {
                return pair[(equals + 1)..];
            }
        }

        return null;
    }

    [LoggerMessage(EventId = 1410, Level = LogLevel.Information, Message = "IoT Hub cloud-to-device message of {Bytes} bytes received; no cloud-to-device command exists in this build, so it is only logged")]
    private static partial void LogCloudToDevice(ILogger logger, int bytes);

    [LoggerMessage(EventId = 1411, Level = LogLevel.Information, Message = "IoT Hub direct method {Method} answered {Status} (request {Bytes} bytes)")]
    private static partial void LogMethod(ILogger logger, string method, int status, int bytes);

    [LoggerMessage(EventId = 1412, Level = LogLevel.Information, Message = "IoT Hub desired properties version {Version} accepted")]
    private static partial void LogDesiredAccepted(ILogger logger, long version);

    [LoggerMessage(EventId = 1413, Level = LogLevel.Warning, Message = "IoT Hub desired properties version {Version} rejected: {Errors}")]
    private static partial void LogDesiredRejected(ILogger logger, long version, string errors);

    [LoggerMessage(EventId = 1414, Level = LogLevel.Warning, Message = "IoT Hub refused a twin request with status {Status} ({Topic})")]
    private static partial void LogTwinRefused(ILogger logger, string status, string topic);

    [LoggerMessage(EventId = 1415, Level = LogLevel.Warning, Message = "IoT Hub message on {Topic} could not be handled: {Reason}")]
    private static partial void LogHubMessageFailed(ILogger logger, string topic, string reason);
}
