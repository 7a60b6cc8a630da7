using System.Globalization;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.EndToEnd;

/// <summary>
/// The built daemon restarted while the cloud is unreachable, first by SIGTERM (as systemd restarts it), then
/// by SIGKILL (a crash): the backlog of every run survives in the outbox and is delivered, in seq order, when
/// the link returns.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DeliveryRestartTests
{
    private const long Backlog = 300;
    private static readonly TimeSpan Reconnect = TimeSpan.FromMinutes(2.5);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Restarted_by_SIGTERM_and_then_SIGKILL_while_the_cloud_is_unreachable_the_daemon_delivers_the_backlog_of_every_run_in_order()
    {
        await using var ward = await EndToEndWard.StartAsync(new EndToEndWardLoad(Transmitters: 4, PollIntervalMs: 20), _ct);
        var daemon = await ward.StartDaemonAsync();
        await ward.WaitDeliveringAsync();
        await ward.Subscriber.WaitForSeqsAsync(100, TimeSpan.FromSeconds(60), _ct);
        var line = daemon.Output.Count;
        await ward.Cloud.StopAsync();
        await ward.WaitForDaemonLineAsync("Cannot connect to the cloud at", line);

        // Run 1 buffers, then stops as systemd stops it.
        var buffered = await ward.WaitForOutboxAsync(o => o.GetProperty("depth").GetInt64() >= Backlog, $"{Backlog} messages buffered");
        var firstCall = await ward.CallAndCancelAsync();
        var (exitCode, took) = await ward.TerminateDaemonAsync();
        Assert.Equal(0, exitCode);
        Assert.True(took < TimeSpan.FromSeconds(5), $"SIGTERM took {took}");

        // Run 2 starts with the cloud still away, buffers more, and is killed.
        await ward.StartDaemonAsync();
        await ward.WaitForDaemonLineAsync("Cannot connect to the cloud at");
        var afterTerm = await ward.AdminAsync("outbox");
        await ward.WaitForOutboxAsync(o => o.GetProperty("depth").GetInt64() >= afterTerm.GetProperty("depth").GetInt64() + Backlog, $"{Backlog} more messages buffered");
        var alarms = (await ward.AdminAsync("outbox")).GetProperty("alarmDepth").GetInt64();
        var secondCall = await ward.CallAndCancelAsync();
        // Announced locally first, then committed: the crash comes once the call is in the outbox.
        await ward.WaitForOutboxAsync(o => o.GetProperty("alarmDepth").GetInt64() >= alarms + 2, "the second call committed");
        await ward.KillDaemonAsync();

        // Run 3 finds both backlogs; the link returns.
        daemon = await ward.StartDaemonAsync();
        var beforeLink = await ward.AdminAsync("outbox");
        line = daemon.Output.Count;
        await ward.Cloud.StartAgainAsync(_ct);
        await ward.WaitDeliveringAsync(line, Reconnect);
        var (maxSeq, outbox) = await ward.DrainAsync(TimeSpan.FromMinutes(2));
        var audit = new EndToEndDeliveryAudit(ward.Subscriber.Snapshot(), maxSeq, EndToEndWard.GatewayId);
        Log(string.Create(CultureInfo.InvariantCulture,
            $"cloud away from seq {buffered.GetProperty("nextSeq").GetInt64() - buffered.GetProperty("depth").GetInt64()}; SIGTERM after {buffered.GetProperty("depth").GetInt64()}+ buffered, exit {exitCode} in {took.TotalMilliseconds:0} ms; run 2 started with {afterTerm.GetProperty("depth").GetInt64()}; run 3 started with {beforeLink.GetProperty("depth").GetInt64()} buffered"));
        Log(audit.Summary());
        Log($"lost: {audit.Missing.Count}");

        Assert.True(beforeLink.GetProperty("depth").GetInt64() >= 2 * Backlog, $"both runs' backlog in the outbox: {beforeLink}");
        Assert.Equal(0, EndToEndWard.Evicted(outbox));
        Assert.Empty(audit.Missing);
        Assert.Empty(audit.Unexpected);
        Assert.Empty(audit.DuplicateMismatches);
        Assert.Empty(audit.WrongIds);
        Assert.Empty(audit.OrderViolations);
        Assert.All([firstCall, secondCall], call =>
        {
            Assert.Contains(audit.FirstDeliveries, m => m.AlarmId == call.AlarmId && m.State == "raised");
            Assert.Contains(audit.FirstDeliveries, m => m.AlarmId == call.AlarmId && m.State == "cleared");
        });
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
