using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// Debian's Mosquitto on two free loopback ports: TLS with the test certificates (what the gateway talks
/// to) and plain (for the independent mosquitto_sub that checks what arrived). Persistence is on, so a
/// persistent subscriber's session and queued messages survive <see cref="StopAsync"/> and <see cref="StartAgainAsync"/>.
/// When mosquitto is missing the test is skipped, or fails when EDGEGW_INTEROP=1 demands interop.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private static readonly string[] ExecutableDirectories = ["/usr/sbin", "/usr/bin", "/usr/local/sbin", "/usr/local/bin"];
    private static readonly string[] Tools = ["mosquitto", "mosquitto_sub", "mosquitto_pub", "openssl"];

    private readonly string _configFile;
    private readonly List<string> _log = [];
    private Process? _process;

    private MosquittoBroker(string configFile, int tlsPort, int plainPort)
    {
        _configFile = configFile;
        TlsPort = tlsPort;
        PlainPort = plainPort;
    }

    public int TlsPort { get; }

    public int PlainPort { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    public static string Executable(string name) =>
        ExecutableDirectories.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists)
        ?? "";

    /// <summary>Skips the test, or fails it when the interop suite is required (EDGEGW_INTEROP=1, as test.sh sets).</summary>
    public static void Unavailable(string reason)
    {
        if (Environment.GetEnvironmentVariable("EDGEGW_INTEROP") == "1")
        {
            Assert.Fail($"EDGEGW_INTEROP=1 but the Mosquitto interop suite cannot run: {reason}");
        }

        Assert.Skip($"Mosquitto interop suite skipped: {reason}. Install it with `sudo apt-get install -y mosquitto mosquitto-clients openssl` and run with EDGEGW_INTEROP=1 to require it");
    }

    public static void Require()
    {
        foreach (var tool in Tools)
        {
            if (Executable(tool) == "")
            {
                Unavailable($"{tool} is not installed");
            }
        }
    }

    public static async Task<MosquittoBroker> StartAsync(MosquittoCertificates certificates, CancellationToken cancellationToken)
    {
        Require();
        var tlsPort = FreePort();
        var plainPort = FreePort();
        var data = Path.Combine(certificates.Directory, $"mosquitto-{tlsPort}");
        Directory.CreateDirectory(data);
        var configFile = Path.Combine(data, "mosquitto.conf");
        File.WriteAllText(configFile, string.Create(CultureInfo.InvariantCulture, $"""
            # Written by the EdgeGateway interop tests.
            user root
            allow_anonymous true
            persistence true
            persistence_location {data}/
            max_queued_messages 0
            max_inflight_messages 0
            log_dest stderr
            log_type error
            log_type warning
            log_type notice
            listener {tlsPort} 127.0.0.1
            cafile {certificates.CaFile}
            certfile {certificates.ServerCertificateFile}
            keyfile {certificates.ServerKeyFile}
            listener {plainPort} 127.0.0.1

            """));
        var broker = new MosquittoBroker(configFile, tlsPort, plainPort);
        await broker.StartAgainAsync(cancellationToken);
        return broker;
    }

    /// <summary>Starts the broker (again) on the same ports with the same persistence; returns once it accepts connections.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Executable("mosquitto"), ["-c", _configFile])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("mosquitto did not start");
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(15));
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"mosquitto exited with {_process.ExitCode}: {Log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, PlainPort, deadline.Token);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20, deadline.Token);
            }
        }
    }

    /// <summary>SIGTERM, as systemd stops it: mosquitto saves its persistence file and exits.</summary>
    public async Task StopAsync()
    {
        if (_process is null || _process.HasExited)
        {
            return;
        }

        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await _process.WaitForExitAsync(deadline.Token);
        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process?.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
