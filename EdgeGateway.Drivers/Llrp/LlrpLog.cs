using Microsoft.Extensions.Logging;

namespace EdgeGateway.Drivers.Llrp;

/// <summary>LLRP client log lines (event ids 2200-2249).</summary>
internal static partial class LlrpLog
{
    [LoggerMessage(2200, LogLevel.Information, "LLRP {DeviceId}: connecting to {Host}:{Port}")]
    public static partial void Connecting(ILogger logger, string deviceId, string host, int port);

    [LoggerMessage(2201, LogLevel.Information, "LLRP {DeviceId}: connected to reader (manufacturer {Manufacturer}, firmware {Firmware})")]
    public static partial void Connected(ILogger logger, string deviceId, uint manufacturer, string firmware);

    [LoggerMessage(2202, LogLevel.Warning, "LLRP {DeviceId}: reader {Host}:{Port} refused the connection: {Status}")]
    public static partial void ConnectionRefused(ILogger logger, string deviceId, string host, int port, string status);

    [LoggerMessage(2203, LogLevel.Information, "LLRP {DeviceId}: inventory started (ROSpec {RoSpecId}, antennas {Antennas})")]
    public static partial void InventoryStarted(ILogger logger, string deviceId, uint roSpecId, string antennas);

    [LoggerMessage(2204, LogLevel.Warning, "LLRP {DeviceId}: no KEEPALIVE for {TimeoutMs} ms; dropping the connection")]
    public static partial void KeepaliveMissed(ILogger logger, string deviceId, long timeoutMs);

    [LoggerMessage(2205, LogLevel.Warning, "LLRP {DeviceId}: connection lost: {Reason}")]
    public static partial void ConnectionLost(ILogger logger, string deviceId, string reason);

    [LoggerMessage(2206, LogLevel.Warning, "LLRP {DeviceId}: reader sent ERROR_MESSAGE: {Status}")]
    public static partial void ErrorMessage(ILogger logger, string deviceId, string status);

    [LoggerMessage(2207, LogLevel.Warning, "LLRP {DeviceId}: {Message} failed: {Status}")]
    public static partial void StatusFailed(ILogger logger, string deviceId, string message, string status);

    [LoggerMessage(2208, LogLevel.Warning, "LLRP {DeviceId}: rejected a message ({Reason})")]
    public static partial void MessageRejected(ILogger logger, string deviceId, string reason);

    [LoggerMessage(2209, LogLevel.Information, "LLRP {DeviceId}: reconnect attempt {Attempt} in {DelayMs} ms after: {Reason}")]
    public static partial void ReconnectScheduled(ILogger logger, string deviceId, int attempt, long delayMs, string reason);

    [LoggerMessage(2210, LogLevel.Information, "LLRP {DeviceId}: reader event: {Event}")]
    public static partial void ReaderEvent(ILogger logger, string deviceId, string @event);

    [LoggerMessage(2211, LogLevel.Debug, "LLRP {DeviceId}: closing the connection")]
    public static partial void Closing(ILogger logger, string deviceId);

    [LoggerMessage(2212, LogLevel.Debug, "LLRP {DeviceId}: ignored {Message}")]
    public static partial void Ignored(ILogger logger, string deviceId, string message);
}
