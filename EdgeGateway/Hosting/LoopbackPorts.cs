using System.Net;
using System.Net.Sockets;

namespace EdgeGateway.Hosting;

/// <summary>Resolves "port 0" for listeners that cannot report the port the kernel chose (MQTTnet server, HttpListener).</summary>
internal static class LoopbackPorts
{
    public static int Free(IPAddress address)
    {
        using var probe = new TcpListener(address, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
