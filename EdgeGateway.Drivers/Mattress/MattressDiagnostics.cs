using System.IO.Ports;
using System.Runtime.CompilerServices;

namespace EdgeGateway.Drivers.Mattress;

/// <summary>The library side of <c>edgegw diag serial PORT [--baud N] [--seconds N]</c>: no console output here.</summary>
public static class MattressDiagnostics
{
    /// <summary>
    /// Opens <paramref name="options"/>' port and yields every frame and every rejection for
    /// <paramref name="duration"/>, then ends. Opening throws <see cref="FileNotFoundException"/> when the port
    /// does not exist, otherwise an <see cref="IOException"/> with the OS error (permission denied, busy): the CLI
    /// turns them into its error message and exit code. A garbage run still open when the time is up is not reported.
    /// </summary>
    public static async IAsyncEnumerable<MattressDiagnosticEntry> ReadAsync(
        MattressOptions options,
        TimeSpan duration,
        TimeProvider timeProvider,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        using var reader = MattressPortReader.Open(options);
        using var window = new CancellationTokenSource(duration, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(window.Token, cancellationToken);
        while (true)
        {
            MattressDecodeResult result;
            try
            {
                result = await reader.ReadAsync(linked.Token);
            }
            catch (OperationCanceledException) when (window.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                yield break;
            }

            var now = timeProvider.GetUtcNow();
            yield return result.Status == MattressDecodeStatus.Frame
                ? new MattressDiagnosticEntry(now, result.Frame, VitalsReading.FromFrame(options.Port, now, result.Frame), null, null)
                : new MattressDiagnosticEntry(now, null, null, result.Reason.ToTag(), result.Detail);
        }
    }

    /// <summary>The same with the default line settings at <paramref name="baud"/>.</summary>
    public static IAsyncEnumerable<MattressDiagnosticEntry> ReadAsync(
        string port,
        int baud,
        TimeSpan duration,
        TimeProvider timeProvider,
        CancellationToken cancellationToken) =>
        ReadAsync(new MattressOptions { Port = port, Baud = baud, Parity = Parity.None }, duration, timeProvider, cancellationToken);
}
