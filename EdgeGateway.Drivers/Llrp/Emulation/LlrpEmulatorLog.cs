using Microsoft.Extensions.Logging;

namespace EdgeGateway.Drivers.Llrp.Emulation;

/// <summary>Reader emulator log lines (event ids 2250-2279).</summary>
internal static partial class LlrpEmulatorLog
{
    [LoggerMessage(2250, LogLevel.Information, "LLRP emulator listening on 127.0.0.1:{Port}")]
    public static partial void Listening(ILogger logger, int port);

    [LoggerMessage(2251, LogLevel.Information, "LLRP emulator: client {Remote} connected")]
    public static partial void ClientConnected(ILogger logger, string remote);

    [LoggerMessage(2252, LogLevel.Information, "LLRP emulator: refused client {Remote}: {Status}")]
    public static partial void ClientRefused(ILogger logger, string remote, string status);

    [LoggerMessage(2253, LogLevel.Information, "LLRP emulator: client {Remote} gone: {Reason}")]
    public static partial void ClientGone(ILogger logger, string remote, string reason);

    [LoggerMessage(2254, LogLevel.Information, "LLRP emulator: dropping the connection after {Bytes} bytes of a report")]
    public static partial void Dropping(ILogger logger, int bytes);
}
