using System.Buffers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Drivers.Llrp.Emulation;

/// <summary>The reader side of one emulated connection: answers requests, runs the ROSpec, sends keepalives.</summary>
internal sealed class EmulatedClient : IDisposable
{
    private readonly LlrpReaderEmulator _emulator;
    private readonly Socket _socket;
    private readonly LlrpReaderEmulatorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly CancellationTokenSource _closed = new();
    private readonly LlrpInboundDecoder _decoder = new("emulator", null, LlrpFrameReader.DefaultMaxMessageLength);
    private RoSpecDefinition? _roSpec;
    private ITimer? _keepaliveTimer;
    private ITimer? _reportTimer;
    private uint _nextMessageId = 1;
    private int _reportsSent;

    public EmulatedClient(LlrpReaderEmulator emulator, Socket socket, LlrpReaderEmulatorOptions options, TimeProvider timeProvider, ILogger logger)
    {
        _emulator = emulator;
        _socket = socket;
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        Remote = socket.RemoteEndPoint?.ToString() ?? "unknown";
    }

    public string Remote { get; }

    public int ReportsSent => Volatile.Read(ref _reportsSent);

    public async Task RefuseAsync(byte[] refusal, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendAsync(refusal, SocketFlags.None, cancellationToken);
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The refused client went away first; nothing to tell it.
        }
        finally
        {
            Dispose();
        }
    }

    public async Task RunAsync(byte[] accepted, CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _closed.Token);
        var reason = "closed";
        try
        {
            await SendAsync(accepted, linked.Token);
            var buffer = new byte[64 * 1024];
            var length = 0;
            while (true)
            {
                var read = await _socket.ReceiveAsync(buffer.AsMemory(length), SocketFlags.None, linked.Token);
                if (read == 0)
                {
                    break;
                }

                length += read;
                var sequence = new ReadOnlySequence<byte>(buffer, 0, length);
                while (_decoder.TryDecode(ref sequence, out var message, out _) == LlrpFrameStatus.Complete)
                {
                    if (message is not null && !await HandleAsync(message, linked.Token))
                    {
                        return;
                    }
                }

                var rest = (int)sequence.Length;
                Buffer.BlockCopy(buffer, length - rest, buffer, 0, rest);
                length = rest;
                if (length == buffer.Length)
                {
                    reason = "client message too long";
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            reason = ex.GetType().Name;
        }
        finally
        {
            await StopTimersAsync();
            _emulator.ClientGone(this, reason);
            Dispose();
        }
    }

    /// <summary>Closes the connection from the emulator's side; harmless once it is already gone.</summary>
    public void Abort()
    {
        try
        {
            _closed.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already closed and disposed.
        }
    }

    public void Dispose()
    {
        _socket.Dispose();
        _closed.Dispose();
        _writeLock.Dispose();
    }

    public async Task SendAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(message, SocketFlags.None, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Answers one client message; false when the connection should close.</summary>
    private async Task<bool> HandleAsync(LlrpMessage message, CancellationToken cancellationToken)
    {
        var ok = LlrpStatus.Success;
        switch (message)
        {
            case GetReaderCapabilities:
                await SendAsync(LlrpReaderMessages.CapabilitiesResponse(message.MessageId, _options.Antennas, _options.ManufacturerId, _options.ModelName, _options.FirmwareVersion), cancellationToken);
                break;
            case SetReaderConfig config:
                if (config.KeepaliveIntervalMs is { } interval and > 0)
                {
                    var period = TimeSpan.FromMilliseconds(interval);
                    await ReplaceTimerAsync(ref _keepaliveTimer, _timeProvider.CreateTimer(_ => Fire(SendKeepaliveAsync), null, period, period));
                }

                await Respond(LlrpMessageType.SetReaderConfigResponse, ok);
                break;
            case AddRoSpec add:
                _roSpec = add.RoSpec;
                await Respond(LlrpMessageType.AddRoSpecResponse, ok);
                break;
            case RoSpecCommand { CommandType: LlrpMessageType.DeleteRoSpec }:
                await ReplaceTimerAsync(ref _reportTimer, null);
                _roSpec = null;
                await Respond(LlrpMessageType.DeleteRoSpecResponse, ok);
                break;
            case RoSpecCommand command:
                var response = (LlrpMessageType)((ushort)command.CommandType + 10);
                if (_roSpec is null || _roSpec.RoSpecId != command.RoSpecId)
                {
                    await Respond(response, new LlrpStatus(LlrpStatusCode.FieldInvalid, $"no ROSpec {command.RoSpecId}", new LlrpFieldError(0, LlrpStatusCode.FieldInvalid), null));
                    break;
                }

                if (command.CommandType == LlrpMessageType.StartRoSpec)
                {
                    var period = TimeSpan.FromMilliseconds(_options.ReportPeriodMs);
                    await ReplaceTimerAsync(ref _reportTimer, _timeProvider.CreateTimer(_ => Fire(SendReportsAsync), null, period, period));
                }
                else if (command.CommandType is LlrpMessageType.StopRoSpec or LlrpMessageType.DisableRoSpec)
                {
                    await ReplaceTimerAsync(ref _reportTimer, null);
                }

                await Respond(response, ok);
                break;
            case KeepaliveAck:
                _emulator.CountKeepaliveAck();
                break;
            case CloseConnection:
                _emulator.CountCloseConnection();
                await StopTimersAsync();
                await Respond(LlrpMessageType.CloseConnectionResponse, ok);
                return false;
            default:
                await SendAsync(LlrpReaderMessages.ErrorMessage(message.MessageId, new LlrpStatus(LlrpStatusCode.MessageUnsupportedMessage, "not emulated", null, null)), cancellationToken);
                break;
        }

        return true;

        Task Respond(LlrpMessageType type, LlrpStatus status) => SendAsync(LlrpReaderMessages.StatusResponse(type, message.MessageId, status), cancellationToken);
    }

    private void Fire(Func<CancellationToken, Task> send) => _ = RunTimerWorkAsync(send);

    private async Task RunTimerWorkAsync(Func<CancellationToken, Task> send)
    {
        try
        {
            await send(_closed.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            Abort();
        }
    }

    private async Task SendKeepaliveAsync(CancellationToken cancellationToken)
    {
        if (_emulator.SendKeepalives)
        {
            await SendAsync(LlrpReaderMessages.Keepalive(Interlocked.Increment(ref _nextMessageId)), cancellationToken);
        }
    }

    private async Task SendReportsAsync(CancellationToken cancellationToken)
    {
        var roSpec = _roSpec;
        if (roSpec is null)
        {
            return;
        }

        var tags = _emulator.InventoryRound(roSpec);
        var perReport = roSpec.ReportEveryNTags == 0 ? Math.Max(tags.Count, 1) : roSpec.ReportEveryNTags;
        for (var i = 0; i < tags.Count; i += perReport)
        {
            var report = LlrpReaderMessages.RoAccessReport(Interlocked.Increment(ref _nextMessageId), tags.Skip(i).Take(perReport));
            var dropAfter = _emulator.TakeDropAfterBytes();
            if (dropAfter >= 0)
            {
                LlrpEmulatorLog.Dropping(_logger, dropAfter);
                await SendAsync(report.AsMemory(0, Math.Min(dropAfter, report.Length)), cancellationToken);
                _socket.Shutdown(SocketShutdown.Both);
                Abort();
                return;
            }

            await SendAsync(report, cancellationToken);
            Interlocked.Increment(ref _reportsSent);
            _emulator.CountReport();
        }
    }

    private async Task StopTimersAsync()
    {
        await ReplaceTimerAsync(ref _keepaliveTimer, null);
        await ReplaceTimerAsync(ref _reportTimer, null);
    }

    private static ValueTask ReplaceTimerAsync(ref ITimer? slot, ITimer? replacement)
    {
        var old = Interlocked.Exchange(ref slot, replacement);
        return old?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
