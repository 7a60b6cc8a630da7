using System.Diagnostics;
using System.Globalization;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.EndToEnd;

/// <summary>
/// Design §1 and §4.2 on the built daemon: the cloud broker is down for a minute under load; local alarms do
/// not wait for it, and when it is back everything buffered is delivered, each lane in order.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class CloudOutageTests
{
    private static readonly TimeSpan Outage = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    // The forwarder backs off up to cloud.reconnectMaxDelaySeconds (30 s by default, docs/cloud.md) between attempts:
    // after a minute's outage the next attempt may come that long after the broker is back.
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(75);

    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_cloud_down_for_60_s_under_load_gets_everything_in_order_afterwards_while_a_call_was_announced_locally_at_once()
    {
        await using var ward = await EndToEndWard.StartAsync(new EndToEndWardLoad(Transmitters: 4, PollIntervalMs: 20), _ct);
        var daemon = await ward.StartDaemonAsync();
        await ward.WaitDeliveringAsync();
        await ward.Subscriber.WaitForSeqsAsync(200, Wait, _ct);

        var line = daemon.Output.Count;
        await ward.Cloud.StopAsync();
        var outage = Stopwatch.StartNew();
        await ward.WaitForDaemonLineAsync("Cannot connect to the cloud at", line);
        // Local annunciation does not depend on the cloud: the press must appear on the embedded broker promptly.
        var call = await ward.CallAndCancelAsync(raisedWithin: TimeSpan.FromSeconds(5));
        Log(string.Create(CultureInfo.InvariantCulture, $"call pressed {outage.Elapsed.TotalSeconds:0.0} s into the outage: raised on edgegw/{EndToEndWard.GatewayId}/alarms/# {call.RaisedAfter.TotalMilliseconds:0.0} ms after the press"));
        await Task.Delay(Outage - outage.Elapsed, _ct);
        var backlog = await ward.AdminAsync("outbox");

        line = daemon.Output.Count;
        await ward.Cloud.StartAgainAsync(_ct);
        var back = Stopwatch.StartNew();
        outage.Stop();
        await ward.WaitDeliveringAsync(line, Reconnect);
        Log(string.Create(CultureInfo.InvariantCulture, $"broker down {outage.Elapsed.TotalSeconds:0.0} s with {backlog.GetProperty("depth").GetInt64()} messages buffered; the forwarder reconnected {back.Elapsed.TotalSeconds:0.0} s after it came back"));
        var (maxSeq, outbox) = await ward.DrainAsync(TimeSpan.FromMinutes(2));
        var audit = new EndToEndDeliveryAudit(ward.Subscriber.Snapshot(), maxSeq, EndToEndWard.GatewayId);
        Log(audit.Summary());
        Log($"lost: {audit.Missing.Count}");

        Assert.True(backlog.GetProperty("depth").GetInt64() > 5000, $"under load during the outage: {backlog}");
        Assert.Equal(0, EndToEndWard.Evicted(outbox));
        Assert.Empty(audit.Missing);
        Assert.Empty(audit.Unexpected);
        Assert.Empty(audit.DuplicateMismatches);
        Assert.Empty(audit.WrongIds);
        Assert.Empty(audit.OrderViolations);
        Assert.Contains(audit.FirstDeliveries, m => m.AlarmId == call.AlarmId && m.State == "raised");
        Assert.Contains(audit.FirstDeliveries, m => m.AlarmId == call.AlarmId && m.State == "cleared");
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
