using Microsoft.Extensions.Logging;

namespace EdgeGateway.Drivers.Mattress;

/// <summary>The mattress driver's log lines (event ids 2100-2199). Never a frame's payload: it carries patient vitals.</summary>
internal static partial class MattressLog
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information, Message = "Mattress {DeviceId}: port {Port} opened at {Baud} baud")]
    public static partial void PortOpened(ILogger logger, string deviceId, string port, int baud);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information, Message = "Mattress {DeviceId}: frames arriving, device online")]
    public static partial void Online(ILogger logger, string deviceId);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Warning, Message = "Mattress {DeviceId}: port {Port} failed: {Detail}")]
    public static partial void PortFailed(ILogger logger, string deviceId, string port, string detail);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Information, Message = "Mattress {DeviceId}: reopening port {Port} in {DelayMs} ms (attempt {Attempt})")]
    public static partial void Reconnecting(ILogger logger, string deviceId, string port, long delayMs, int attempt);

    [LoggerMessage(EventId = 2104, Level = LogLevel.Warning, Message = "Mattress {DeviceId}: frame rejected ({Reason}): {Detail}")]
    public static partial void FrameRejected(ILogger logger, string deviceId, string reason, string? detail);

    [LoggerMessage(EventId = 2105, Level = LogLevel.Information, Message = "Mattress {DeviceId}: stopped")]
    public static partial void Stopped(ILogger logger, string deviceId);
}
