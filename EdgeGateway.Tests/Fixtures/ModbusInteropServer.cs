using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// Runs EdgeGateway.Tests/Interop/modbus/server.js (modbus-serial's ServerTCP) on a free loopback port.
/// When node or node_modules is missing the test is skipped, or fails when EDGEGW_INTEROP=1 demands interop.
/// </summary>
public sealed class ModbusInteropServer : IAsyncDisposable
{
    private readonly Process _process;

    private ModbusInteropServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public static async Task<ModbusInteropServer> StartAsync(CancellationToken cancellationToken)
    {
        var directory = Path.Combine(RepositoryRoot(), "EdgeGateway.Tests", "Interop", "modbus");
        if (!Directory.Exists(Path.Combine(directory, "node_modules", "modbus-serial")))
        {
            Unavailable($"{directory}/node_modules is missing: run `npm ci --omit=optional` there");
        }

        var port = FreePort();
        var start = new ProcessStartInfo("node", ["server.js", port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            WorkingDirectory = directory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            Unavailable($"node is not installed ({ex.Message})");
            throw;
        }

        var server = new ModbusInteropServer(process, port);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                if (line == "ready")
                {
                    return server;
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Reported below with what node said.
        }

        var stderr = process.HasExited ? await process.StandardError.ReadToEndAsync(cancellationToken) : string.Empty;
        await server.DisposeAsync();
        throw new InvalidOperationException($"modbus-serial server did not print ready: {stderr}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private static void Unavailable(string reason)
    {
        if (Environment.GetEnvironmentVariable("EDGEGW_INTEROP") == "1")
        {
            Assert.Fail($"EDGEGW_INTEROP=1 but the Modbus interop peer is unavailable: {reason}");
        }

        Assert.Skip($"Modbus interop peer unavailable ({reason}); set it up and run with EDGEGW_INTEROP=1 to require it");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"Gateway.sln not found above {AppContext.BaseDirectory}");
    }
}
