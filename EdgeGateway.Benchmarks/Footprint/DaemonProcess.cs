using System.Diagnostics;
using System.Globalization;

namespace EdgeGateway.Benchmarks.Footprint;

/// <summary>
/// The built daemon as a child process (<c>dotnet exec edgegw.dll run --config …</c>, or a published <c>edgegw</c>
/// executable run directly): READY awaited on its log,
/// the last lines it printed kept for a failure message, stopped with SIGTERM and killed if it does not exit.
/// </summary>
internal sealed class DaemonProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Stopwatch _sinceSpawn;
    private readonly TaskCompletionSource<TimeSpan> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Queue<string> _last = new();

    private DaemonProcess(Process process, Stopwatch sinceSpawn)
    {
        _process = process;
        _sinceSpawn = sinceSpawn;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public int Pid => _process.Id;

    /// <summary>The daemon's own READY line ("edgegw … ready in N ms …": from its process start, as it measures it).</summary>
    public string? ReadyLine { get; private set; }

    public static DaemonProcess Start(string daemon, string config, IEnumerable<(string Name, string Value)> environment)
    {
        var start = new ProcessStartInfo(daemon.EndsWith(".dll", StringComparison.Ordinal) ? "dotnet" : daemon,
            daemon.EndsWith(".dll", StringComparison.Ordinal) ? ["exec", daemon, "run", "--config", config] : ["run", "--config", config])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var sinceSpawn = Stopwatch.StartNew();
        return new DaemonProcess(Process.Start(start)!, sinceSpawn);
    }

    /// <summary>Time from spawning the process to its READY log line.</summary>
    public async Task<(TimeSpan Observed, string Line)> WaitForReadyAsync(TimeSpan timeout)
    {
        try
        {
            var observed = await _ready.Task.WaitAsync(timeout);
            return (observed, ReadyLine!);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"edgegw was not ready within {timeout}; it printed:\n{string.Join('\n', Last())}");
        }
    }

    /// <summary>SIGTERM, then the exit code (or SIGKILL and -1 after the timeout).</summary>
    public async Task<int> StopAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", Pid.ToString(CultureInfo.InvariantCulture)])!)
        {
            await kill.WaitForExitAsync();
        }

        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
            return _process.ExitCode;
        }
        catch (TimeoutException)
        {
            _process.Kill(entireProcessTree: true);
            return -1;
        }
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

    private string[] Last()
    {
        lock (_last)
        {
            return [.. _last];
        }
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (ReadyLine is null && line.Contains(" ready in ", StringComparison.Ordinal))
        {
            ReadyLine = line;
            _ready.TrySetResult(_sinceSpawn.Elapsed);
        }

        lock (_last)
        {
            _last.Enqueue(line);
            if (_last.Count > 50)
            {
                _last.Dequeue();
            }
        }
    }
}
