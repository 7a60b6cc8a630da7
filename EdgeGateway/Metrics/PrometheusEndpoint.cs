using System.Net;
using System.Text;
using EdgeGateway.Configuration;
using EdgeGateway.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Metrics;

/// <summary>Serves GET /metrics in Prometheus text format on loopback only (design.md §4.3).</summary>
public sealed partial class PrometheusEndpoint : BackgroundService
{
    private readonly MetricsOptions _options;
    private readonly MetricsCollector _collector;
    private readonly ILogger<PrometheusEndpoint> _logger;
    private HttpListener? _listener;

    public PrometheusEndpoint(MetricsOptions options, MetricsCollector collector, ILogger<PrometheusEndpoint> logger)
    {
        _options = options;
        _collector = collector;
        _logger = logger;
    }

    /// <summary>The port it serves on (resolved when the configured port is 0).</summary>
    public int Port { get; private set; }

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        if (!_options.Enabled)
        {
            return Task.CompletedTask;
        }

        Port = _options.Port == 0 ? LoopbackPorts.Free(IPAddress.Loopback) : _options.Port;
        _listener = new HttpListener();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        try
        {
            _listener.Start();
        }
        catch (HttpListenerException e)
        {
            // Metrics are for diagnosis; a taken port must not stop a ward's alarms.
            LogCannotListen(_logger, Port, e.Message);
            _listener = null;
            return Task.CompletedTask;
        }

        LogListening(_logger, Port);
        return base.StartAsync(cancellationToken);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _listener?.Stop();
        await base.StopAsync(cancellationToken);
        _listener?.Close();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested && _listener is { IsListening: true } listener)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync().WaitAsync(stoppingToken);
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or OperationCanceledException)
            {
                return;
            }

            await RespondAsync(context);
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        using var response = context.Response;
        if (context.Request.Url?.AbsolutePath != "/metrics")
        {
            response.StatusCode = 404;
            return;
        }

        var body = Encoding.UTF8.GetBytes(PrometheusText.Format(_collector.Snapshot()));
        response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        response.ContentLength64 = body.Length;
        await response.OutputStream.WriteAsync(body);
    }


    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Prometheus metrics on http://127.0.0.1:{Port}/metrics")]
    private static partial void LogListening(ILogger logger, int port);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "Prometheus metrics cannot listen on 127.0.0.1:{Port}: {Reason}; the gateway runs without them")]
    private static partial void LogCannotListen(ILogger logger, int port, string reason);
}
