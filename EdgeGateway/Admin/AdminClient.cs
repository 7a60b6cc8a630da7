using System.Net.Sockets;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;

namespace EdgeGateway.Admin;

/// <summary>The CLI's side of the admin socket.</summary>
public static class AdminClient
{
    /// <summary>One request, one answer.</summary>
    public static async Task<JsonElement> RequestAsync(string socketPath, AdminRequest request, CancellationToken cancellationToken)
    {
        await foreach (var answer in StreamAsync(socketPath, request, cancellationToken))
        {
            return answer;
        }

        throw new AdminUnavailableException($"the daemon closed {socketPath} without answering");
    }

    /// <summary>
    /// A request whose answer goes on (<c>alarms.watch</c>): the first element is the answer's result, then
    /// one element per line the daemon sends, until it closes the connection or the caller stops.
    /// </summary>
    public static async IAsyncEnumerable<JsonElement> StreamAsync(string socketPath, AdminRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var socket = await ConnectAsync(socketPath, cancellationToken);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var first = true;
        while (true)
        {
            string? line;
            try
            {
                if (first)
                {
                    await stream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(request, AdminJson.Info<AdminRequest>()), cancellationToken);
                    await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
                }

                line = await reader.ReadLineAsync(cancellationToken);
            }
            catch (IOException e)
            {
                throw new AdminUnavailableException($"the daemon closed {socketPath} without answering ({e.Message})", e);
            }

            if (line is null)
            {
                yield break;
            }

            yield return first ? Result(line) : Parse(line);
            first = false;
        }
    }

    /// <summary>True when a daemon answers on the socket (a second instance must not steal it).</summary>
    public static async Task<bool> IsAnsweringAsync(string socketPath, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static async Task<Socket> ConnectAsync(string socketPath, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
            return socket;
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.ConnectionRefused)
        {
            socket.Dispose();
            throw new AdminUnavailableException($"no edgegw daemon is running (nothing answers on {socketPath}); start it with 'systemctl start edgegw' or give --socket", e);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            socket.Dispose();
            throw new AdminDeniedException($"permission denied on {socketPath}: run as root or join the edgegw group ('usermod -aG edgegw $USER', then log in again)", e);
        }
    }

    /// <summary>The <c>result</c> of an answer line, or the daemon's error as an exception.</summary>
    private static JsonElement Result(string line)
    {
        var root = Parse(line);
        if (!root.GetProperty("ok").GetBoolean())
        {
            var error = root.GetProperty("error").GetString() ?? "unknown error";
            throw error.StartsWith("permission denied", StringComparison.Ordinal) ? new AdminDeniedException(error) : new InvalidOperationException(error);
        }

        return root.GetProperty("result").Clone();
    }

    private static JsonElement Parse(string line)
    {
        using var document = JsonDocument.Parse(line);
        return document.RootElement.Clone();
    }
}
