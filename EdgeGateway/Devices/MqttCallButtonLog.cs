using EdgeGateway.Drivers.CallButtons;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Devices;

/// <summary>The MQTT call-button driver's log lines (event ids 2400-2499). Payloads appear only as a short escaped prefix.</summary>
internal static partial class MqttCallButtonLog
{
    [LoggerMessage(EventId = 2400, Level = LogLevel.Information, Message = "MQTT call button {DeviceId}: listening on {Topic} at {Broker}")]
    public static partial void Listening(ILogger logger, string deviceId, string topic, string broker);

    [LoggerMessage(EventId = 2401, Level = LogLevel.Information, Message = "MQTT call button {DeviceId}: {Event}")]
    public static partial void Event(ILogger logger, string deviceId, CallButtonEvent @event);

    [LoggerMessage(EventId = 2402, Level = LogLevel.Warning, Message = "MQTT call button {DeviceId}: refused a {Length}-byte payload on {Topic} from client {ClientId}: {Problem} (starts \"{Preview}\")")]
    public static partial void Malformed(ILogger logger, string deviceId, long length, string topic, string clientId, string problem, string preview);

    [LoggerMessage(EventId = 2403, Level = LogLevel.Warning, Message = "MQTT call button {DeviceId}: ignored a retained message on {Topic}: a stale press replayed at subscription (the button must publish with retain off)")]
    public static partial void RetainedIgnored(ILogger logger, string deviceId, string topic);

    [LoggerMessage(EventId = 2404, Level = LogLevel.Warning, Message = "MQTT call button {DeviceId}: more than {Backlog} messages waiting on {Topic}; dropped one")]
    public static partial void Overflow(ILogger logger, string deviceId, int backlog, string topic);

    [LoggerMessage(EventId = 2405, Level = LogLevel.Warning, Message = "MQTT call button {DeviceId}: cannot subscribe at {Broker}: {Reason}; retrying in {DelayMs} ms (attempt {Attempt})")]
    public static partial void ConnectFailed(ILogger logger, string deviceId, string broker, string reason, long delayMs, int attempt);

    [LoggerMessage(EventId = 2406, Level = LogLevel.Warning, Message = "MQTT call button {DeviceId}: lost {Broker}: {Reason}; reconnecting")]
    public static partial void ConnectionLost(ILogger logger, string deviceId, string broker, string reason);

    [LoggerMessage(EventId = 2407, Level = LogLevel.Error, Message = "MQTT call button {DeviceId}: listens on the embedded broker, but localBroker.enabled is false; the device is reported offline")]
    public static partial void EmbeddedBrokerDisabled(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 2408, Level = LogLevel.Information, Message = "MQTT call button {DeviceId}: stopped")]
    public static partial void Stopped(ILogger logger, string deviceId);
}
