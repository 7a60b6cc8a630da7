using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace EdgeGateway.Admin;

/// <summary>The CLI's side of the admin socket.</summary>
public static class AdminClient
{
    public static async Task<JsonElement> RequestAsync(string socketPath, AdminRequest request, CancellationToken cancellationToken)
    {
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
        }
        catch (SocketException e) when (e.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.ConnectionRefused)
        {
            throw new AdminUnavailableException($"no edgegw daemon is running (nothing answers on {socketPath}); start it with 'systemctl start edgegw' or give --socket", e);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.AccessDenied)
        {
            throw new AdminDeniedException($"permission denied on {socketPath}: run as root or join the edgegw group ('usermod -aG edgegw $USER', then log in again)", e);
        }

        await using var stream = new NetworkStream(socket, ownsSocket: false);
        string? response;
        try
        {
            var line = JsonSerializer.SerializeToUtf8Bytes(request, AdminJson.Options);
            await stream.WriteAsync(line, cancellationToken);
            await stream.WriteAsync("\n"u8.ToArray(), cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            response = await reader.ReadLineAsync(cancellationToken);
        }
        catch (IOException e)
        {
            throw new AdminUnavailableException($"the daemon closed {socketPath} without answering ({e.Message})", e);
        }

        if (response is null)
        {
            throw new AdminUnavailableException($"the daemon closed {socketPath} without answering");
        }

        using var document = JsonDocument.Parse(response);
        var root = document.RootElement;
        if (!root.GetProperty("ok").GetBoolean())
        {
            var error = root.GetProperty("error").GetString() ?? "unknown error";
            throw error.StartsWith("permission denied", StringComparison.Ordinal) ? new AdminDeniedException(error) : new InvalidOperationException(error);
        }

        return root.GetProperty("result").Clone();
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
}
