using EdgeGateway.Metrics;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Tests.Metrics;

public sealed class PrometheusEndpointTests
{
    [Fact]
    public void Counters_gauges_and_histograms_are_written_in_the_text_exposition_format()
    {
        MetricSample[] samples =
        [
            new("edgegw.driver.bad_frames", "counter", [new("device", "bed-1"), new("reason", "crc")], 3, 3, "Frames rejected"),
            new("edgegw.outbox.depth", "gauge", [], 42, 1, "Messages stored"),
            new("edgegw.cloud.delivery_latency", "histogram", [], 1.5, 4, "Observation to ack"),
            new("edgegw.driver.bad_frames", "counter", [new("device", "bed \"2\""), new("reason", "truncated")], 1, 1, "Frames rejected"),
        ];

        var text = PrometheusText.Format(samples);

        Assert.Equal("""
            # HELP edgegw_driver_bad_frames_total Frames rejected
            # TYPE edgegw_driver_bad_frames_total counter
            edgegw_driver_bad_frames_total{device="bed-1",reason="crc"} 3
            edgegw_driver_bad_frames_total{device="bed \"2\"",reason="truncated"} 1
            # HELP edgegw_outbox_depth Messages stored
            # TYPE edgegw_outbox_depth gauge
            edgegw_outbox_depth 42
            # HELP edgegw_cloud_delivery_latency Observation to ack
            # TYPE edgegw_cloud_delivery_latency summary
            edgegw_cloud_delivery_latency_sum 1.5
            edgegw_cloud_delivery_latency_count 4

            """.Replace("\r", "", StringComparison.Ordinal), text);
    }

    [Fact]
    public async Task The_running_daemon_serves_its_counters_on_loopback()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var gateway = await GatewayFixture.StartAsync(o => o.Devices.Add(GatewayFixture.CallButton("call-1", 5)), cloud: false);
        await gateway.WaitOnlineAsync("call-1");
        var port = gateway.Host.Services.GetRequiredService<PrometheusEndpoint>().Port;

        using var http = new HttpClient();
        using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/metrics"), ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.Contains("# TYPE edgegw_outbox_depth gauge", body, StringComparison.Ordinal);
        Assert.Contains("edgegw_outbox_available 1", body, StringComparison.Ordinal);
        Assert.Contains("edgegw_engine_events_total", body, StringComparison.Ordinal);
        Assert.Contains("edgegw_engine_queue_depth", body, StringComparison.Ordinal);
        using var missing = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/other"), ct);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, missing.StatusCode);
    }
}
