using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading.Channels;
using EdgeGateway.Tests.Fixtures;
using MQTTnet;
using MQTTnet.Server;

namespace EdgeGateway.Tests.Cloud;

/// <summary>
/// MQTTnet's server acting as IoT Hub for one device: TLS on a free loopback port with a test CA, records
/// every CONNECT and every publish from the device, answers twin GET with a given twin and reported PATCHes
/// with 204, and can send desired PATCHes and direct method calls.
/// </summary>
internal sealed class IotHubEmulator : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly TempDirectory _dir;
    private int _version = 1;

    private IotHubEmulator(MqttServer server, TempDirectory dir, int port)
    {
        _server = server;
        _dir = dir;
        Port = port;
    }

    public int Port { get; }

    public string CaFile => _dir.File("hub-ca.pem");

    /// <summary>The twin the hub answers GET with.</summary>
    public string Twin { get; set; } = """{"desired":{"$version":1},"reported":{"$version":1}}""";

    public ConcurrentQueue<(string ClientId, string UserName, string Password)> Connects { get; } = new();

    /// <summary>Every publish from the device, in order.</summary>
    public Channel<(string Topic, string Payload)> Published { get; } = Channel.CreateUnbounded<(string, string)>();

    /// <summary>Called on each device publish before it is recorded (the test may act on it, e.g. advance a clock).</summary>
    public Action<string>? OnPublish { get; set; }

    public static async Task<IotHubEmulator> StartAsync(CancellationToken cancellationToken)
    {
        var dir = new TempDirectory();
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=test IoT Hub CA", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign, true));
        using var ca = caRequest.CreateSelfSigned(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(dir.File("hub-ca.pem"), ca.ExportCertificatePem(), cancellationToken);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=localhost", serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var issued = serverRequest.Create(ca, DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow.AddDays(1), [1, 2, 3, 4]);
        using var withKey = issued.CopyWithPrivateKey(serverKey);
        var serverCertificate = X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);

        // Another test may take the free port before the server binds it: try another.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var options = new MqttServerFactory().CreateServerOptionsBuilder()
                .WithoutDefaultEndpoint()
                .WithEncryptedEndpoint()
                .WithEncryptedEndpointPort(port)
                .WithEncryptedEndpointBoundIPAddress(IPAddress.Loopback)
                .WithEncryptedEndpointBoundIPV6Address(IPAddress.None)
                .WithEncryptionCertificate(serverCertificate)
                .Build();
            var server = new MqttServerFactory().CreateMqttServer(options);
            var hub = new IotHubEmulator(server, dir, port);
            server.ValidatingConnectionAsync += e =>
            {
                hub.Connects.Enqueue((e.ClientId, e.UserName, e.Password));
                return Task.CompletedTask;
            };
            server.InterceptingPublishAsync += hub.OnDevicePublishAsync;
            try
            {
                await server.StartAsync();
                return hub;
            }
            catch (SocketException) when (attempt < 5)
            {
                server.Dispose();
            }
        }
    }

    public async Task<(string Topic, string Payload)> NextAsync(Func<string, bool> topic, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(TimeSpan.FromSeconds(20));
        while (true)
        {
            var published = await Published.Reader.ReadAsync(limit.Token);
            if (topic(published.Topic))
            {
                return published;
            }
        }
    }

    public Task SendDesiredPatchAsync(string patch) =>
        InjectAsync($"$iothub/twin/PATCH/properties/desired/?$version={Interlocked.Increment(ref _version)}", patch);

    public Task CallMethodAsync(string name, string requestId, string payload) =>
        InjectAsync($"$iothub/methods/POST/{name}/?$rid={requestId}", payload);

    public Task InjectAsync(string topic, string payload) =>
        _server.InjectApplicationMessage(new InjectedMqttApplicationMessage(
            new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(payload).Build()) { SenderClientId = "iothub" });

    public async Task DisconnectDeviceAsync(string deviceId)
    {
        foreach (var client in await _server.GetClientsAsync())
        {
            if (client.Id == deviceId)
            {
                await client.DisconnectAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _server.StopAsync();
        _server.Dispose();
        _dir.Dispose();
    }

    private async Task OnDevicePublishAsync(InterceptingPublishEventArgs e)
    {
        if (e.ClientId == "iothub")
        {
            return;
        }

        var topic = e.ApplicationMessage.Topic;
        var payload = Encoding.UTF8.GetString(e.ApplicationMessage.Payload);
        OnPublish?.Invoke(topic);
        Published.Writer.TryWrite((topic, payload));
        var rid = topic.Contains("?$rid=", StringComparison.Ordinal) ? topic[(topic.IndexOf("?$rid=", StringComparison.Ordinal) + 6)..] : "";
        if (topic.StartsWith("$iothub/twin/GET/", StringComparison.Ordinal))
        {
            await InjectAsync($"$iothub/twin/res/200/?$rid={rid}", Twin);
        }
        else if (topic.StartsWith("$iothub/twin/PATCH/properties/reported/", StringComparison.Ordinal))
        {
            await InjectAsync($"$iothub/twin/res/204/?$rid={rid}&$version={Interlocked.Increment(ref _version)}", "");
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
