using System.Buffers;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// One TCP connection to a reader, client side (LLRP 1.0.1 §18 transport). Reads are sequential: while
/// waiting for a response, asynchronous messages (KEEPALIVE, reports, events, errors) are handled as
/// they come. Every failure is raised as an <see cref="LlrpException"/> naming the protocol state.
/// </summary>
internal sealed class LlrpClientSession : IAsyncDisposable
{
    private readonly LlrpReaderOptions _options;
    private readonly string _deviceId;
    private readonly LlrpMetrics? _llrpMetrics;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly LlrpInboundDecoder _decoder;
    private readonly CancellationTokenSource _keepaliveLost = new();
    private readonly ITimer _keepaliveWatchdog;
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;
    private uint _nextMessageId = 1;
    private bool _watchdogArmed;

    public LlrpClientSession(LlrpReaderOptions options, string deviceId, DriverMetrics? metrics, LlrpMetrics? llrpMetrics, ILogger logger, TimeProvider timeProvider)
    {
        _options = options;
        _deviceId = deviceId;
        _llrpMetrics = llrpMetrics;
        _logger = logger;
        _timeProvider = timeProvider;
        _decoder = new LlrpInboundDecoder(deviceId, metrics, options.MaxMessageBytes);
        _keepaliveWatchdog = timeProvider.CreateTimer(_ => _keepaliveLost.Cancel(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        _socket.NoDelay = true;
    }

    /// <summary>Called for each tag observation; set before <see cref="StartInventoryAsync"/>.</summary>
    public Func<TagReportData, ValueTask>? OnTag { get; set; }

    public ReaderCapabilities? Capabilities { get; private set; }

    private TimeSpan KeepaliveTimeout => TimeSpan.FromMilliseconds((double)_options.KeepaliveIntervalMs * _options.MissedKeepalivesBeforeOffline);

    /// <summary>TCP connect, then the reader's verdict: READER_EVENT_NOTIFICATION with ConnectionAttemptEvent.</summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        LlrpLog.Connecting(_logger, _deviceId, _options.Host, _options.Port);
        using (var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.ConnectTimeoutMs), _timeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token))
        {
            try
            {
                await _socket.ConnectAsync(_options.Host, _options.Port, linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new LlrpException($"connecting to {_options.Host}:{_options.Port}: no answer within {_options.ConnectTimeoutMs} ms");
            }
            catch (SocketException ex)
            {
                throw new LlrpException($"connecting to {_options.Host}:{_options.Port}: {ex.SocketErrorCode}", ex);
            }
        }

        var attempt = await ReceiveUntilAsync(
            m => m is ReaderEventNotification { Data.ConnectionAttempt: not null },
            "waiting for the ConnectionAttemptEvent",
            cancellationToken);
        var status = ((ReaderEventNotification)attempt).Data.ConnectionAttempt!.Value;
        if (status != ConnectionAttemptStatus.Success)
        {
            _llrpMetrics?.ConnectionRefused(_deviceId, status);
            LlrpLog.ConnectionRefused(_logger, _deviceId, _options.Host, _options.Port, LlrpNames.Of(status));
            throw new LlrpException($"reader refused the connection: {LlrpNames.Of(status)}") { Refusal = status };
        }
    }

    /// <summary>
    /// GET_READER_CAPABILITIES, DELETE_ROSPEC (all), SET_READER_CONFIG (keepalive, events), ADD_ROSPEC,
    /// ENABLE_ROSPEC, START_ROSPEC, each awaited for its response.
    /// </summary>
    public async Task StartInventoryAsync(CancellationToken cancellationToken)
    {
        var capabilities = await RequestAsync(LlrpClientMessages.GetReaderCapabilities, LlrpMessageType.GetReaderCapabilitiesResponse, cancellationToken);
        if (capabilities is GetReaderCapabilitiesResponse response)
        {
            Capabilities = response.Capabilities;
            LlrpLog.Connected(_logger, _deviceId, response.Capabilities.ManufacturerId, response.Capabilities.FirmwareVersion);
        }

        // Clearing ROSpecs left by an earlier session (ours or another client's) must not stop the start-up.
        await RequestAsync(id => LlrpClientMessages.DeleteRoSpec(id, 0), LlrpMessageType.DeleteRoSpecResponse, cancellationToken, mustSucceed: false);
        await RequestAsync(id => LlrpClientMessages.SetReaderConfig(id, (uint)_options.KeepaliveIntervalMs), LlrpMessageType.SetReaderConfigResponse, cancellationToken);
        ArmKeepaliveWatchdog();
        var roSpec = _options.ToRoSpec();
        await RequestAsync(id => LlrpClientMessages.AddRoSpec(id, roSpec), LlrpMessageType.AddRoSpecResponse, cancellationToken);
        await RequestAsync(id => LlrpClientMessages.EnableRoSpec(id, roSpec.RoSpecId), LlrpMessageType.EnableRoSpecResponse, cancellationToken);
        await RequestAsync(id => LlrpClientMessages.StartRoSpec(id, roSpec.RoSpecId), LlrpMessageType.StartRoSpecResponse, cancellationToken);
        LlrpLog.InventoryStarted(_logger, _deviceId, roSpec.RoSpecId, string.Join(',', roSpec.Antennas));
    }

    /// <summary>Handles messages until the connection fails (throws) or <paramref name="cancellationToken"/> fires.</summary>
    public async Task PumpAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await ReceiveAndHandleAsync(null, cancellationToken);
        }
    }

    /// <summary>CLOSE_CONNECTION and a bounded wait for its response; failures only logged (the socket closes anyway).</summary>
    public async Task CloseAsync()
    {
        LlrpLog.Closing(_logger, _deviceId);
        try
        {
            await RequestAsync(LlrpClientMessages.CloseConnection, LlrpMessageType.CloseConnectionResponse, CancellationToken.None, mustSucceed: false);
        }
        catch (LlrpException ex)
        {
            LlrpLog.ConnectionLost(_logger, _deviceId, ex.Message);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _keepaliveWatchdog.DisposeAsync();
        _keepaliveLost.Dispose();
        _socket.Dispose();
    }

    private void ArmKeepaliveWatchdog()
    {
        _watchdogArmed = true;
        _keepaliveWatchdog.Change(KeepaliveTimeout, Timeout.InfiniteTimeSpan);
    }

    private async Task<LlrpMessage> RequestAsync(Func<uint, byte[]> encode, LlrpMessageType responseType, CancellationToken cancellationToken, bool mustSucceed = true)
    {
        var id = _nextMessageId++;
        await SendAsync(encode(id), cancellationToken);
        var reply = await ReceiveUntilAsync(
            m => m.MessageId == id && (m.Type == responseType || m is ErrorMessage),
            "waiting for " + LlrpNames.Of(responseType),
            cancellationToken);
        var status = reply switch
        {
            StatusResponse s => s.Status,
            GetReaderCapabilitiesResponse c => c.Status,
            ErrorMessage e => e.Status,
            _ => LlrpStatus.Success,
        };
        if (!status.IsSuccess)
        {
            _llrpMetrics?.StatusError(_deviceId, reply.Type, status.Code);
            LlrpLog.StatusFailed(_logger, _deviceId, LlrpNames.Of(reply.Type), status.Describe());
            if (mustSucceed)
            {
                throw new LlrpException($"{LlrpNames.Of(responseType)}: {status.Describe()}");
            }
        }

        return reply;
    }

    private async Task<LlrpMessage> ReceiveUntilAsync(Func<LlrpMessage, bool> wanted, string state, CancellationToken cancellationToken)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(_options.ResponseTimeoutMs), _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        while (true)
        {
            LlrpMessage message;
            try
            {
                message = await ReceiveAndHandleAsync(wanted, linked.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested && !_keepaliveLost.IsCancellationRequested)
            {
                throw new LlrpException($"{state}: no answer within {_options.ResponseTimeoutMs} ms");
            }

            if (wanted(message))
            {
                return message;
            }
        }
    }

    /// <summary>Reads one message and handles it, unless <paramref name="wanted"/> claims it for the caller.</summary>
    private async Task<LlrpMessage> ReceiveAndHandleAsync(Func<LlrpMessage, bool>? wanted, CancellationToken cancellationToken)
    {
        var message = await ReceiveAsync(cancellationToken);
        if (wanted is not null && wanted(message))
        {
            return message;
        }

        switch (message)
        {
            case Keepalive keepalive:
                if (_watchdogArmed)
                {
                    _keepaliveWatchdog.Change(KeepaliveTimeout, Timeout.InfiniteTimeSpan);
                }

                await SendAsync(LlrpClientMessages.KeepaliveAck(keepalive.MessageId), cancellationToken);
                break;
            case RoAccessReport report:
                _llrpMetrics?.TagsDecoded(_deviceId, report.TagCount);
                if (OnTag is { } onTag)
                {
                    foreach (var tag in report.Tags)
                    {
                        await onTag(tag);
                    }
                }

                break;
            case ErrorMessage error:
                _llrpMetrics?.StatusError(_deviceId, LlrpMessageType.ErrorMessage, error.Status.Code);
                LlrpLog.ErrorMessage(_logger, _deviceId, error.Status.Describe());
                break;
            case ReaderEventNotification notification:
                HandleEvent(notification.Data);
                break;
            default:
                LlrpLog.Ignored(_logger, _deviceId, LlrpNames.Of(message.Type));
                break;
        }

        return message;
    }

    private void HandleEvent(ReaderEventNotificationData data)
    {
        if (data.ConnectionClosed)
        {
            throw new LlrpException("reader closed the connection (ConnectionCloseEvent)");
        }

        if (data.ReaderException is { } exception)
        {
            LlrpLog.ReaderEvent(_logger, _deviceId, "ReaderExceptionEvent: " + exception);
        }

        if (data.AntennaEvent is { } antenna)
        {
            LlrpLog.ReaderEvent(_logger, _deviceId, $"antenna {antenna.AntennaId} {antenna.EventType}");
        }

        if (data.RoSpecEvent is { } roSpec)
        {
            LlrpLog.ReaderEvent(_logger, _deviceId, $"ROSpec {roSpec.RoSpecId} {roSpec.EventType}");
        }
    }

    private async Task<LlrpMessage> ReceiveAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _keepaliveLost.Token);
        while (true)
        {
            var buffer = new ReadOnlySequence<byte>(_buffer, _start, _end - _start);
            var status = _decoder.TryDecode(ref buffer, out var message, out var reason);
            var consumed = (int)(_end - _start - buffer.Length);
            _start += consumed;
            if (status == LlrpFrameStatus.Rejected)
            {
                LlrpLog.MessageRejected(_logger, _deviceId, reason.CounterTag());
                throw new LlrpException($"reader sent an impossible message header ({reason.CounterTag()}); framing lost");
            }

            if (status == LlrpFrameStatus.Complete)
            {
                if (message is not null)
                {
                    return message;
                }

                LlrpLog.MessageRejected(_logger, _deviceId, reason.CounterTag());
                continue;
            }

            await FillAsync(linked.Token, cancellationToken);
        }
    }

    private async Task FillAsync(CancellationToken linkedToken, CancellationToken callerToken)
    {
        if (_start > 0 && _start == _end)
        {
            _start = _end = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }
            else
            {
                Array.Resize(ref _buffer, Math.Min(_buffer.Length * 2, _options.MaxMessageBytes + LlrpHeader.Size));
            }
        }

        int read;
        try
        {
            read = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, linkedToken);
        }
        catch (OperationCanceledException) when (_keepaliveLost.IsCancellationRequested && !callerToken.IsCancellationRequested)
        {
            _llrpMetrics?.KeepaliveTimeout(_deviceId);
            LlrpLog.KeepaliveMissed(_logger, _deviceId, (long)KeepaliveTimeout.TotalMilliseconds);
            throw new LlrpException($"no KEEPALIVE for {(long)KeepaliveTimeout.TotalMilliseconds} ms");
        }
        catch (SocketException ex)
        {
            throw new LlrpException($"reading from the reader: {ex.SocketErrorCode}", ex);
        }

        if (read == 0)
        {
            var partial = _decoder.EndOfStream(new ReadOnlySequence<byte>(_buffer, _start, _end - _start));
            throw new LlrpException(partial ? "reader closed the connection in the middle of a message (discarded)" : "reader closed the connection");
        }

        _end += read;
    }

    private async Task SendAsync(byte[] message, CancellationToken cancellationToken)
    {
        try
        {
            await _socket.SendAsync(message, SocketFlags.None, cancellationToken);
        }
        catch (SocketException ex)
        {
            throw new LlrpException($"writing to the reader: {ex.SocketErrorCode}", ex);
        }
        catch (ObjectDisposedException ex)
        {
            throw new LlrpException("writing to the reader: connection closed", ex);
        }
    }
}
