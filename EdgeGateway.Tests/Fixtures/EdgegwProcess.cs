using System.Diagnostics;
using System.Threading.Channels;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>The built <c>edgegw</c> as a child process: its output line by line, signals, exit code.</summary>
public sealed class EdgegwProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly List<string> _all = [];

    private EdgegwProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Add(e.Data);
        _process.ErrorDataReceived += (_, e) => Add(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public static string Dll => Path.Combine(AppContext.BaseDirectory, "edgegw.dll");

    /// <summary>
    /// The daemon under test: the Native AOT binary that ships, when test.sh published it (EDGEGW_EXECUTABLE),
    /// else the JIT build beside the tests (<c>dotnet exec edgegw.dll</c>).
    /// </summary>
    public static IReadOnlyList<string> Command { get; } = Environment.GetEnvironmentVariable("EDGEGW_EXECUTABLE") is { Length: > 0 } executable
        ? File.Exists(executable) ? [executable] : throw new FileNotFoundException($"EDGEGW_EXECUTABLE names {executable}, which does not exist")
        : ["dotnet", "exec", Dll];

    public int Pid => _process.Id;

    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_all)
            {
                return [.. _all];
            }
        }
    }

    public static EdgegwProcess Start(params string[] arguments) => Start(null, arguments);

    /// <summary>Starts edgegw, optionally as another user through setpriv (uid, gid).</summary>
    public static EdgegwProcess Start((int Uid, int Gid)? user, params string[] arguments) =>
        StartUnder(user is { } u ? ["setpriv", $"--reuid={u.Uid}", $"--regid={u.Gid}", "--clear-groups", "--"] : [], arguments);

    /// <summary>Starts edgegw through a launcher that execs it (<paramref name="launcher"/> then edgegw's command line).</summary>
    public static EdgegwProcess StartUnder(IReadOnlyList<string> launcher, params string[] arguments)
    {
        ArgumentNullException.ThrowIfNull(launcher);
        string[] command = [.. launcher, .. Command, .. arguments];
        var start = new ProcessStartInfo(command[0], command[1..]);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        start.Environment["HOME"] = Path.GetTempPath();
        return new EdgegwProcess(Process.Start(start)!);
    }

    /// <summary>Runs edgegw to completion and returns its exit code and everything it printed.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync((int Uid, int Gid)? user, params string[] arguments)
    {
        await using var process = Start(user, arguments);
        var exit = await process.WaitForExitAsync(TimeSpan.FromSeconds(60));
        return (exit, string.Join('\n', process.Output));
    }

    public async Task<string> WaitForLineAsync(Func<string, bool> match, TimeSpan timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (true)
            {
                var line = await _lines.Reader.ReadAsync(limit.Token);
                if (match(line))
                {
                    return line;
                }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or ChannelClosedException)
        {
            throw new TimeoutException($"edgegw printed no matching line within {timeout}:\n{string.Join('\n', Output)}");
        }
    }

    public void Signal(string signal)
    {
        using var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        await _process.WaitForExitAsync(limit.Token);
        _process.WaitForExit();
        return _process.ExitCode;
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

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_all)
        {
            _all.Add(line);
        }

        _lines.Writer.TryWrite(line);
    }
}
