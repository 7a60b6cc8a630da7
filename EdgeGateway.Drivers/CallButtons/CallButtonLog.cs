using Microsoft.Extensions.Logging;

namespace EdgeGateway.Drivers.CallButtons;

/// <summary>The GPIO call-button driver's log lines (event ids 2300-2399).</summary>
internal static partial class CallButtonLog
{
    [LoggerMessage(EventId = 2300, Level = LogLevel.Information, Message = "Call button {DeviceId}: watching chip {Chip} line {Line} (active-low {ActiveLow}, debounce {DebounceMs} ms, cancel line {CancelLine}, long-press cancel {LongPressCancelMs} ms)")]
    public static partial void Watching(ILogger logger, string deviceId, int chip, int line, bool activeLow, int debounceMs, int? cancelLine, int? longPressCancelMs);

    [LoggerMessage(EventId = 2301, Level = LogLevel.Information, Message = "Call button {DeviceId}: {Event}")]
    public static partial void Event(ILogger logger, string deviceId, CallButtonEvent @event);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Warning, Message = "Call button {DeviceId}: cannot open chip {Chip} line {Line}: {Detail}")]
    public static partial void OpenFailed(ILogger logger, string deviceId, int chip, int line, string detail, Exception exception);

    [LoggerMessage(EventId = 2303, Level = LogLevel.Information, Message = "Call button {DeviceId}: reopening in {DelayMs} ms (attempt {Attempt})")]
    public static partial void Reopening(ILogger logger, string deviceId, long delayMs, int attempt);

    [LoggerMessage(EventId = 2304, Level = LogLevel.Information, Message = "Call button {DeviceId}: stopped")]
    public static partial void Stopped(ILogger logger, string deviceId);
}
