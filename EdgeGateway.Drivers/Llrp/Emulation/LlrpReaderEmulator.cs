using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Drivers.Llrp.Emulation;

/// <summary>
/// An LLRP reader on loopback TCP that follows the reader side of the session the gateway runs
/// (LLRP 1.0.1): ConnectionAttemptEvent, capabilities, ROSpec add/enable/start/delete, periodic KEEPALIVE
/// and an RO_ACCESS_REPORT of its tag population every <see cref="LlrpReaderEmulatorOptions.ReportPeriodMs"/>
/// while the ROSpec runs. Used by <c>edgegw demo</c> and by tests, which also use its fault knobs.
/// Timers run on the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed class LlrpReaderEmulator : IAsyncDisposable
{
    private readonly LlrpReaderEmulatorOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private readonly List<EmulatedTag> _tags = [];
    private readonly List<Task> _clients = [];
    private readonly List<int> _reportsPerFinishedConnection = [];
    private readonly CancellationTokenSource _stopping = new();
    private TcpListener? _listener;
    private Task? _acceptLoop;
    private EmulatedClient? _active;
    private int _connectionsAccepted;
    private int _connectionsRefused;
    private int _reportsSent;
    private int _keepaliveAcks;
    private int _closeConnections;
    private int _dropAfterBytes = -1;

    public LlrpReaderEmulator(LlrpReaderEmulatorOptions options, TimeProvider timeProvider, ILogger<LlrpReaderEmulator>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The bound port (after <see cref="Start"/>).</summary>
    public int Port { get; private set; }

    /// <summary>Refuse a client while another is connected, as real readers do (ConnectionAttemptEvent status 2).</summary>
    public bool RefuseSecondClient { get; set; } = true;

    /// <summary>Off: keepalives stop while the connection stays up (a hung reader).</summary>
    public bool SendKeepalives { get; set; } = true;

    /// <summary>When set, the next RO_ACCESS_REPORT is cut after this many bytes and the connection dropped.</summary>
    public int? DropNextReportAfterBytes
    {
        get
        {
            var value = Volatile.Read(ref _dropAfterBytes);
            return value < 0 ? null : value;
        }
        set => Volatile.Write(ref _dropAfterBytes, value ?? -1);
    }

    public int ConnectionsAccepted => Volatile.Read(ref _connectionsAccepted);

    public int ConnectionsRefused => Volatile.Read(ref _connectionsRefused);

    /// <summary>RO_ACCESS_REPORTs written completely (a report cut by <see cref="DropNextReportAfterBytes"/> does not count).</summary>
    public int ReportsSent => Volatile.Read(ref _reportsSent);

    public int KeepaliveAcks => Volatile.Read(ref _keepaliveAcks);

    /// <summary>CLOSE_CONNECTIONs received (a client that shut down properly).</summary>
    public int CloseConnections => Volatile.Read(ref _closeConnections);

    /// <summary>Complete RO_ACCESS_REPORTs of each connection that has ended, in order.</summary>
    public IReadOnlyList<int> ReportsPerFinishedConnection
    {
        get
        {
            lock (_gate)
            {
                return [.. _reportsPerFinishedConnection];
            }
        }
    }

    public IReadOnlyList<EmulatedTag> Tags
    {
        get
        {
            lock (_gate)
            {
                return [.. _tags];
            }
        }
    }

    public void Start(int port = 0)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        LlrpEmulatorLog.Listening(_logger, Port);
        _acceptLoop = AcceptLoopAsync(_stopping.Token);
    }

    public void AddTag(ushort antennaId, ReadOnlySpan<byte> epc, int? bitLength = null)
    {
        lock (_gate)
        {
            _tags.Add(new EmulatedTag(antennaId, Convert.ToHexString(epc), bitLength ?? epc.Length * 8));
        }
    }

    public bool RemoveTag(ushort antennaId, ReadOnlySpan<byte> epc)
    {
        var hex = Convert.ToHexString(epc);
        lock (_gate)
        {
            var index = _tags.FindIndex(t => t.AntennaId == antennaId && t.EpcHex == hex);
            if (index < 0)
            {
                return false;
            }

            _tags.RemoveAt(index);
            return true;
        }
    }

    /// <summary>Sends an ERROR_MESSAGE to the connected client, as a reader does for a message it cannot process.</summary>
    public Task SendErrorMessageAsync(LlrpStatus status, CancellationToken cancellationToken) =>
        ActiveClient().SendAsync(LlrpReaderMessages.ErrorMessage(0, status), cancellationToken);

    /// <summary>Writes raw bytes to the connected client (garbage, a bad header, ...).</summary>
    public Task SendRawAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        ActiveClient().SendAsync(bytes, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener?.Stop();
        EmulatedClient? active;
        Task[] clients;
        lock (_gate)
        {
            active = _active;
            clients = [.. _clients];
        }

        active?.Abort();
        if (_acceptLoop is not null)
        {
            await _acceptLoop;
        }

        await Task.WhenAll(clients);
        _stopping.Dispose();
    }

    internal List<TagReportData> InventoryRound(RoSpecDefinition roSpec)
    {
        var micros = (ulong)_timeProvider.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
        var all = roSpec.Antennas.Count == 0 || roSpec.Antennas.Contains((ushort)0);
        lock (_gate)
        {
            return _tags
                .Where(t => all || roSpec.Antennas.Contains(t.AntennaId))
                .Select(t => new TagReportData
                {
                    Epc = Convert.FromHexString(t.EpcHex),
                    EpcBitLength = t.EpcBitLength,
                    RoSpecId = roSpec.RoSpecId,
                    AntennaId = t.AntennaId,
                    PeakRssiDbm = _options.PeakRssiDbm,
                    FirstSeenUtcMicroseconds = micros,
                    LastSeenUtcMicroseconds = micros,
                    TagSeenCount = 1,
                })
                .ToList();
        }
    }

    internal int TakeDropAfterBytes() => Interlocked.Exchange(ref _dropAfterBytes, -1);

    internal void CountReport() => Interlocked.Increment(ref _reportsSent);

    internal void CountKeepaliveAck() => Interlocked.Increment(ref _keepaliveAcks);

    internal void CountCloseConnection() => Interlocked.Increment(ref _closeConnections);

    internal void ClientGone(EmulatedClient client, string reason)
    {
        lock (_gate)
        {
            if (_active == client)
            {
                _active = null;
            }

            _reportsPerFinishedConnection.Add(client.ReportsSent);
        }

        LlrpEmulatorLog.ClientGone(_logger, client.Remote, reason);
    }

    private EmulatedClient ActiveClient()
    {
        lock (_gate)
        {
            return _active ?? throw new InvalidOperationException("no client is connected to the emulator");
        }
    }

    private async Task AcceptLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener!.AcceptSocketAsync(cancellationToken);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            var client = new EmulatedClient(this, socket, _options, _timeProvider, _logger);
            bool refuse;
            lock (_gate)
            {
                refuse = _active is not null && RefuseSecondClient;
                if (!refuse)
                {
                    _active = client;
                }
            }

            var now = (ulong)_timeProvider.GetUtcNow().ToUnixTimeMilliseconds() * 1000;
            Task task;
            if (refuse)
            {
                Interlocked.Increment(ref _connectionsRefused);
                var status = ConnectionAttemptStatus.FailedClientInitiatedConnectionAlreadyExists;
                LlrpEmulatorLog.ClientRefused(_logger, client.Remote, LlrpNames.Of(status));
                task = client.RefuseAsync(LlrpReaderMessages.ConnectionAttempt(0, now, status), cancellationToken);
            }
            else
            {
                Interlocked.Increment(ref _connectionsAccepted);
                LlrpEmulatorLog.ClientConnected(_logger, client.Remote);
                task = client.RunAsync(LlrpReaderMessages.ConnectionAttempt(0, now, ConnectionAttemptStatus.Success), cancellationToken);
            }

            lock (_gate)
            {
                _clients.RemoveAll(t => t.IsCompleted);
                _clients.Add(task);
            }
        }
    }
}
