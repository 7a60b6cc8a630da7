using System.Diagnostics.Metrics;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using EdgeGateway.Configuration;
using EdgeGateway.Drivers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Admin;

/// <summary>
/// The Unix socket the CLI talks to (design.md §4.3): mode 0660, and every peer's credentials checked
/// (root, the daemon's user, or the admin group) before a byte is answered. One JSON request line, one
/// JSON response line.
/// </summary>
public sealed partial class AdminSocketServer : BackgroundService
{
    private const int InitialRequestBytes = 64 * 1024;

    // A catalog import is one request carrying every row (up to 100,000).
    private const int MaxRequestBytes = 32 * 1024 * 1024;

    private readonly AdminOptions _options;
    private readonly AdminCommands _commands;
    private readonly AlarmWatchers _watchers;
    private readonly ILogger<AdminSocketServer> _logger;
    private readonly Counter<long> _denied;
    private readonly Counter<long> _requests;
    private Socket? _listener;
    private uint _ownUid;
    private uint? _adminGid;

    public AdminSocketServer(AdminOptions options, AdminCommands commands, AlarmWatchers watchers, IMeterFactory meterFactory, ILogger<AdminSocketServer> logger)
    {
        _watchers = watchers;
        ArgumentNullException.ThrowIfNull(meterFactory);
        _options = options;
        _commands = commands;
        _logger = logger;
        var meter = meterFactory.Create(DriverMetrics.MeterName);
        _denied = meter.CreateCounter<long>("edgegw.admin.denied", "{connection}", "Admin socket connections refused by peer credentials");
        _requests = meter.CreateCounter<long>("edgegw.admin.requests", "{request}", "Admin socket requests answered");
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var path = _options.SocketPath;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (File.Exists(path))
        {
            if (await AdminClient.IsAnsweringAsync(path, cancellationToken))
            {
                throw new InvalidOperationException($"admin.socketPath: another edgegw is already running and answering on {path}");
            }

            File.Delete(path);
        }

        _ownUid = UnixAccounts.EffectiveUid();
        _adminGid = UnixAccounts.GroupId(_options.Group);
        if (_adminGid is null)
        {
            LogNoGroup(_logger, _options.Group);
        }

        _listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        _listener.Bind(new UnixDomainSocketEndPoint(path));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        _listener.Listen(16);
        LogListening(_logger, path, _options.Group);
        await base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Dispose();
        await base.StopAsync(cancellationToken);
        try
        {
            File.Delete(_options.SocketPath);
        }
        catch (IOException)
        {
            // Left behind: the next start removes a socket nobody answers on.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener!.AcceptAsync(stoppingToken);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client, stoppingToken), stoppingToken);
        }
    }

    private async Task ServeAsync(Socket client, CancellationToken stoppingToken)
    {
        using var _ = client;
        await using var stream = new NetworkStream(client, ownsSocket: false);
        var peer = PeerCredentials.Of(client);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        try
        {
            // The request is read even from a peer that will be refused, so it gets the reason rather than a broken pipe.
            var allowed = peer.MayAdminister(_ownUid, _adminGid);
            var line = await ReadLineAsync(stream, allowed ? MaxRequestBytes : InitialRequestBytes, timeout.Token);
            if (!allowed)
            {
                _denied.Add(1);
                LogDenied(_logger, peer.Uid, peer.Gid, peer.Pid, _options.Group);
                await WriteAsync(stream, new AdminResponse(false, Error: $"permission denied: uid {peer.Uid} is not root, not the daemon's user and not in group {_options.Group}"), timeout.Token);
                return;
            }

            var sent = JsonSerializer.Deserialize(line, AdminJson.Info<AdminRequest>()) ?? throw new JsonException("empty request");
            var request = sent with { Caller = UnixAccounts.Describe(peer.Uid) };
            if (request.Command == "alarms.watch")
            {
                _requests.Add(1);
                await WatchAsync(stream, stoppingToken);
                return;
            }

            var result = await _commands.ExecuteAsync(request, timeout.Token);
            _requests.Add(1);
            await WriteAsync(stream, new AdminResponse(true, result), timeout.Token);
        }
        catch (Exception e) when (e is JsonException or ArgumentException or InvalidDataException or InvalidOperationException)
        {
            await WriteAsync(stream, new AdminResponse(false, Error: e.Message), timeout.Token);
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or SocketException)
        {
            LogClientGone(_logger, e.Message);
        }
    }

    /// <summary>
    /// <c>alarms --watch</c>: the active alarms as the first answer, then one line per transition, for as long as
    /// the client stays (no request timeout: a ward display watches for hours).
    /// </summary>
    private async Task WatchAsync(NetworkStream stream, CancellationToken stoppingToken)
    {
        using var subscription = _watchers.Watch();
        await WriteAsync(stream, new AdminResponse(true, AdminJson.ToElement(_commands.ActiveAlarms)), stoppingToken);
        await foreach (var transition in subscription.Transitions.ReadAllAsync(stoppingToken))
        {
            await WriteAsync(stream, transition, stoppingToken);
        }
    }

    private static async Task<string> ReadLineAsync(NetworkStream stream, int maxBytes, CancellationToken cancellationToken)
    {
        var buffer = new byte[Math.Min(InitialRequestBytes, maxBytes)];
        var length = 0;
        while (length < maxBytes)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, maxBytes));
            }

            var read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            var newline = Array.IndexOf(buffer, (byte)'\n', length, read);
            length += read;
            if (newline >= 0)
            {
                return Encoding.UTF8.GetString(buffer, 0, newline);
            }
        }

        return length < maxBytes ? Encoding.UTF8.GetString(buffer, 0, length) : throw new InvalidDataException($"request longer than {maxBytes / 1024} KiB");
    }

    private static async Task WriteAsync<T>(NetworkStream stream, T response, CancellationToken cancellationToken)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(response, AdminJson.Info<T>());
        await stream.WriteAsync(bytes, cancellationToken);
        await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
    }

    [LoggerMessage(EventId = 1600, Level = LogLevel.Information, Message = "Admin socket {Path} (mode 0660; root, this user and group {Group} allowed)")]
    private static partial void LogListening(ILogger logger, string path, string group);

    [LoggerMessage(EventId = 1601, Level = LogLevel.Warning, Message = "Admin socket refused uid {Uid} gid {Gid} (pid {Pid}): not in group {Group}")]
    private static partial void LogDenied(ILogger logger, uint uid, uint gid, int pid, string group);

    [LoggerMessage(EventId = 1602, Level = LogLevel.Warning, Message = "Admin group {Group} does not exist: only root and the daemon's own user may use the admin socket")]
    private static partial void LogNoGroup(ILogger logger, string group);

    [LoggerMessage(EventId = 1603, Level = LogLevel.Debug, Message = "Admin client went away: {Reason}")]
    private static partial void LogClientGone(ILogger logger, string reason);
}
