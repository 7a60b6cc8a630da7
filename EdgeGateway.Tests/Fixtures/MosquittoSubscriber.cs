using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// Debian's mosquitto_sub as an independent client: every message it prints in <c>-F</c> format, in
/// order. A persistent one (<c>-c</c> with a fixed client id) keeps its session across broker restarts
/// and reconnects on its own.
/// </summary>
public sealed class MosquittoSubscriber : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private MosquittoSubscriber(Process process) => _process = process;

    /// <param name="format">mosquitto_sub's -F format (%t topic, %p payload, %C content type, %E expiry interval).</param>
    /// <param name="clientId">A fixed id for a persistent session; null for a clean one.</param>
    public static async Task<MosquittoSubscriber> StartAsync(int port, string filter, string format, string protocol, string? clientId, CancellationToken cancellationToken)
    {
        List<string> arguments = ["-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "-t", filter, "-q", "1", "-V", protocol, "-F", format, "-d"];
        if (clientId is not null)
        {
            arguments.AddRange(["-c", "-i", clientId]);
        }

        // stdbuf: mosquitto_sub's stdout is a pipe here, and its -d lines would otherwise sit in a buffer.
        var start = new ProcessStartInfo("stdbuf", ["-oL", MosquittoBroker.Executable("mosquitto_sub"), .. arguments])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var subscriber = new MosquittoSubscriber(Process.Start(start) ?? throw new InvalidOperationException("mosquitto_sub did not start"));
        subscriber._process.OutputDataReceived += (_, e) => subscriber.Receive(e.Data);
        subscriber._process.ErrorDataReceived += (_, e) => subscriber.Receive(e.Data);
        subscriber._process.BeginOutputReadLine();
        subscriber._process.BeginErrorReadLine();
        await subscriber._subscribed.Task.WaitAsync(TimeSpan.FromSeconds(15), cancellationToken);
        return subscriber;
    }

    /// <summary>The next <paramref name="count"/> messages; fails after the timeout with what arrived.</summary>
    public async Task<List<string>> TakeAsync(int count, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var taken = new List<string>(count);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            while (taken.Count < count)
            {
                taken.Add(await _lines.Reader.ReadAsync(limit.Token));
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"mosquitto_sub printed {taken.Count} of {count} messages within {timeout}");
        }

        return taken;
    }

    /// <summary>Messages already printed and not taken.</summary>
    public List<string> Drain()
    {
        var lines = new List<string>();
        while (_lines.Reader.TryRead(out var line))
        {
            lines.Add(line);
        }

        return lines;
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

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        // -d prints the protocol exchange as "Client <id> ..." lines; the rest are messages.
        if (line.StartsWith("Client ", StringComparison.Ordinal) || line.StartsWith("Subscribed (", StringComparison.Ordinal))
        {
            if (line.Contains("SUBACK", StringComparison.Ordinal))
            {
                _subscribed.TrySetResult();
            }

            return;
        }

        _lines.Writer.TryWrite(line);
    }
}
