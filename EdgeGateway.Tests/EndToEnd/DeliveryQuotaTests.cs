using System.Globalization;
using System.Text.RegularExpressions;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.EndToEnd;

/// <summary>
/// Design §6, "offline for hours", on the built daemon with the smallest quota (1 MiB): the outbox fills during
/// an outage and evicts the oldest readings first, never an alarm, and says exactly how many it dropped.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed partial class DeliveryQuotaTests
{
    private const long QuotaBytes = 1_048_576;
    private const long Evictions = 3000;
    private static readonly TimeSpan Reconnect = TimeSpan.FromMinutes(2.5);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_byte_quota_reached_during_an_outage_evicts_the_oldest_readings_first_keeps_every_alarm_and_counts_exactly_what_it_dropped()
    {
        await using var ward = await EndToEndWard.StartAsync(Load, _ct);
        var outage = await FillDuringAnOutageAsync(ward);
        // The ward falls quiet before the link returns, so every eviction happened during the outage.
        var settling = await ward.StopIngestionAsync();
        var settled = await ward.AdminAsync("outbox");
        await ward.Cloud.StartAgainAsync(_ct);
        await ward.WaitDeliveringAsync(outage.DaemonLine, Reconnect);
        // Drained below the quota before the drain's own marker call appends anything.
        await ward.WaitForOutboxAsync(o => o.GetProperty("depth").GetInt64() == 0, "the backlog delivered", TimeSpan.FromMinutes(2));
        var (maxSeq, _) = await ward.DrainAsync(TimeSpan.FromMinutes(2));

        var (audit, dropped) = await AssertDropCountIsExactAsync(ward, maxSeq, [.. outage.Calls, settling]);
        Assert.Equal(EndToEndWard.Dropped(settled, "dropped.quota.reading"), dropped);
        // The oldest went: every evicted seq is newer than what the cloud had before the outage and older than
        // every reading it got after.
        var readingsAfter = audit.FirstDeliveries.Where(m => m.Arrival >= outage.Arrivals && !m.Urgent).Select(m => m.Seq).ToList();
        Assert.All(audit.Missing, seq => Assert.InRange(seq, outage.DeliveredBefore + 1, readingsAfter.Min() - 1));
    }

    [Fact]
    public async Task Recovering_at_the_quota_under_load_the_drop_count_stays_exact_as_nothing_on_its_way_to_the_cloud_is_evicted()
    {
        await using var ward = await EndToEndWard.StartAsync(Load, _ct);
        var outage = await FillDuringAnOutageAsync(ward);
        // The transmitters keep going: while the backlog drains the outbox is still full, and each append evicts.
        await ward.Cloud.StartAgainAsync(_ct);
        await ward.WaitDeliveringAsync(outage.DaemonLine, Reconnect);
        var resumed = await ward.AdminAsync("outbox");
        var (maxSeq, _) = await ward.DrainAsync(TimeSpan.FromMinutes(2));

        var (_, dropped) = await AssertDropCountIsExactAsync(ward, maxSeq, outage.Calls);
        Log(string.Create(CultureInfo.InvariantCulture, $"dropped.quota.reading: {EndToEndWard.Dropped(resumed, "dropped.quota.reading")} just after the forwarder reconnected, {dropped} at the end"));
    }

    private static EndToEndWardLoad Load => new(Transmitters: 4, PollIntervalMs: 10, ExtraPoints: 16, QuotaBytes: QuotaBytes);

    /// <summary>
    /// Delivers for a while, settles (nothing in flight when the broker goes, so every seq's fate is known), stops
    /// the broker, and lets the ward fill the outbox past its quota with calls before and during the evictions.
    /// </summary>
    private async Task<(long DeliveredBefore, int Arrivals, int DaemonLine, List<EndToEndCall> Calls)> FillDuringAnOutageAsync(EndToEndWard ward)
    {
        var daemon = await ward.StartDaemonAsync();
        await ward.WaitDeliveringAsync();
        await ward.Subscriber.WaitForSeqsAsync(100, TimeSpan.FromSeconds(60), _ct);
        var (deliveredBefore, _) = await ward.DrainAsync(TimeSpan.FromMinutes(1));
        var line = daemon.Output.Count;
        await ward.Cloud.StopAsync();
        await ward.WaitForDaemonLineAsync("Cannot connect to the cloud at", line);
        var arrivals = ward.Subscriber.Count;

        ward.SetTransmittersAnswering(true);
        var beforeEviction = await ward.CallAndCancelAsync();
        await ward.WaitForOutboxAsync(o => EndToEndWard.Dropped(o, "dropped.quota.reading") > 0, "the first eviction");
        var duringEviction = await ward.CallAndCancelAsync();
        var full = await ward.WaitForOutboxAsync(o => EndToEndWard.Dropped(o, "dropped.quota.reading") >= Evictions, $"{Evictions} readings evicted");
        Log(string.Create(CultureInfo.InvariantCulture, $"outbox at its quota: {full}"));
        return (deliveredBefore, arrivals, daemon.Output.Count, [beforeEviction, duringEviction]);
    }

    /// <summary>
    /// The drop count is exact: every seq the cloud never got is one the quota evicted, and no other; the CLI and
    /// /metrics say the same; no alarm was dropped, and every call's raise and clear arrived.
    /// </summary>
    private static async Task<(EndToEndDeliveryAudit Audit, long Dropped)> AssertDropCountIsExactAsync(EndToEndWard ward, long maxSeq, List<EndToEndCall> calls)
    {
        var cli = await ward.OutboxCliAsync();
        var metrics = await ward.MetricsAsync();
        var audit = new EndToEndDeliveryAudit(ward.Subscriber.Snapshot(), maxSeq, EndToEndWard.GatewayId);
        var dropped = EndToEndWard.Dropped(cli, "dropped.quota.reading");
        var droppedMetric = DroppedReadingsByQuota().Match(metrics);
        Log(string.Create(CultureInfo.InvariantCulture, $"edgegw outbox --json after the drain: {cli}"));
        Log(string.Create(CultureInfo.InvariantCulture, $"/metrics: {droppedMetric.Value}"));
        Log(audit.Summary());

        Assert.True(dropped >= Evictions, $"the quota evicted {dropped} readings");
        Assert.Equal(audit.Missing.Count, dropped);
        Assert.Equal(maxSeq - audit.Readings - audit.Alarms - audit.DeviceStatuses, dropped);
        Assert.True(droppedMetric.Success, $"no quota reading drops in /metrics:\n{metrics}");
        Assert.Equal(dropped, long.Parse(droppedMetric.Groups["count"].Value, CultureInfo.InvariantCulture));
        Assert.Equal(0, EndToEndWard.Dropped(cli, "dropped.quota.alarm"));
        Assert.Equal(0, EndToEndWard.Dropped(cli, "dropped.quota.device"));
        Assert.Equal(dropped, EndToEndWard.Evicted(cli));
        Assert.All(calls, call =>
        {
            Assert.Contains(audit.FirstDeliveries, m => m.AlarmId == call.AlarmId && m.State == "raised");
            Assert.Contains(audit.FirstDeliveries, m => m.AlarmId == call.AlarmId && m.State == "cleared");
        });
        Assert.Empty(audit.Unexpected);
        Assert.Empty(audit.DuplicateMismatches);
        Assert.Empty(audit.WrongIds);
        Assert.Empty(audit.OrderViolations);
        return (audit, dropped);
    }

    [GeneratedRegex("""^edgegw_outbox_dropped_total\{(?=[^}]*kind="reading")(?=[^}]*reason="quota")[^}]*\} (?<count>\d+)""", RegexOptions.Multiline)]
    private static partial Regex DroppedReadingsByQuota();

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
