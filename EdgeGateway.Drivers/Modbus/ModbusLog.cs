using Microsoft.Extensions.Logging;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>Modbus log lines, event ids 2000-2099.</summary>
internal static partial class ModbusLog
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Information, Message = "Modbus line {Line} connected")]
    public static partial void LineConnected(ILogger logger, string line);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Warning, Message = "Modbus line {Line} could not connect (attempt {Attempt}, next in {DelayMs} ms): {Reason}")]
    public static partial void ConnectFailed(ILogger logger, string line, int attempt, long delayMs, string reason);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Modbus line {Line} lost, reconnecting: {Reason}")]
    public static partial void LineLost(ILogger logger, string line, string reason);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information, Message = "Modbus device {DeviceId} (unit {UnitId}) online")]
    public static partial void DeviceOnline(ILogger logger, string deviceId, int unitId);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Warning, Message = "Modbus device {DeviceId} (unit {UnitId}) offline: {Detail}")]
    public static partial void DeviceOffline(ILogger logger, string deviceId, int unitId, string detail);

    [LoggerMessage(EventId = 2005, Message = "Modbus device {DeviceId} answered {Function} at address {Address} with exception {Code}")]
    public static partial void ExceptionResponse(ILogger logger, LogLevel level, string deviceId, ModbusFunction function, ushort address, ModbusExceptionCode code);

    [LoggerMessage(EventId = 2006, Message = "Modbus device {DeviceId}: {Detail}")]
    public static partial void PollTimedOut(ILogger logger, LogLevel level, string deviceId, string detail);

    [LoggerMessage(EventId = 2007, Message = "Modbus device {DeviceId} answer rejected ({Reason}) for {Function} at address {Address}")]
    public static partial void FrameRejected(ILogger logger, LogLevel level, string deviceId, string reason, ModbusFunction function, ushort address);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Information, Message = "Modbus line {Line} stopped")]
    public static partial void LineStopped(ILogger logger, string line);
}
