using EdgeGateway.Drivers;
using EdgeGateway.Drivers.Epc;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Tests.Llrp;

/// <summary>The driver against the reader emulator over real loopback TCP.</summary>
public sealed class LlrpReaderDriverTests
{
    private static async Task<List<TagReading>> ReadingsAsync(LlrpReaderHarness harness, int count)
    {
        var readings = new List<TagReading>();
        while (readings.Count < count)
        {
            readings.Add(await harness.Events.NextAsync<TagReading>());
        }

        return readings;
    }

    private static async Task UntilAsync(Func<bool> condition)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(10_000);
        while (!condition())
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    [Fact]
    public async Task Full_session_reports_every_tag_with_decoded_sgtin_and_closes_the_connection_on_shutdown()
    {
        await using var harness = new LlrpReaderHarness(TimeProvider.System);
        harness.Start();

        var connecting = await harness.Events.NextAsync<DeviceStatusChange>();
        var online = await harness.Events.NextAsync<DeviceStatusChange>();
        var readings = await ReadingsAsync(harness, 3);
        await UntilAsync(() => harness.Emulator.KeepaliveAcks >= 1);
        await harness.StopAsync();

        Assert.Equal(DeviceState.Connecting, connecting.State);
        Assert.Equal(DeviceState.Online, online.State);
        var gauze = Assert.Single(readings, r => r.Epc.Hex == Convert.ToHexString(LlrpReaderHarness.Gauze));
        Assert.Equal(LlrpReaderHarness.DeviceId, gauze.DeviceId);
        Assert.Equal("rfid", gauze.ReadingType);
        Assert.Equal(EpcScheme.Sgtin96, gauze.Epc.Scheme);
        Assert.Equal("80614141123458", gauze.Epc.Sgtin!.Gtin);
        Assert.Equal("6789", gauze.Epc.Sgtin.Serial);
        Assert.Equal((ushort)1, gauze.AntennaId);
        Assert.Equal((sbyte)-55, gauze.PeakRssiDbm);
        Assert.Equal((ushort)1, gauze.SeenCount);
        Assert.NotNull(gauze.FirstSeen);
        Assert.Equal(gauze.LastSeen, gauze.Timestamp);
        var catheter = Assert.Single(readings, r => r.Epc.Scheme == EpcScheme.Sgtin198);
        Assert.Equal("32a/b", catheter.Epc.Sgtin!.Serial);
        Assert.Equal((ushort)2, catheter.AntennaId);
        Assert.Single(readings, r => r.Epc.Sgtin?.Serial == "6790");
        Assert.Equal(1, harness.Emulator.CloseConnections);
        Assert.Equal(1, harness.Emulator.ConnectionsAccepted);
        Assert.Equal(0, harness.Meters.Total("edgegw.driver.bad_frames"));
        Assert.True(harness.Meters.Total("edgegw.llrp.tags") >= 3);
    }

    [Fact]
    public async Task Connection_dropped_mid_report_reconnects_and_emits_nothing_from_the_partial_report()
    {
        await using var harness = new LlrpReaderHarness(TimeProvider.System);
        harness.Start();
        await harness.Events.NextAsync<DeviceStatusChange>(s => s.State == DeviceState.Online);
        await ReadingsAsync(harness, 6);
        var completeBefore = harness.Emulator.ReportsSent;

        // Cut the next report inside its second TagReportData: its first tag arrived whole, but the message did not.
        harness.Emulator.DropNextReportAfterBytes = 10 + 48 + 10;
        var seenBefore = harness.Events.Seen.Count;
        var offline = await harness.Events.NextAsync<DeviceStatusChange>();
        var beforeOffline = harness.Events.Seen.Skip(seenBefore).SkipLast(1).ToList();
        var online = await harness.Events.NextAsync<DeviceStatusChange>();
        await ReadingsAsync(harness, 3);

        Assert.Equal(DeviceState.Offline, offline.State);
        Assert.Contains("middle of a message", offline.Detail, StringComparison.Ordinal);
        Assert.Equal(DeviceState.Online, online.State);
        var firstConnectionReports = harness.Emulator.ReportsPerFinishedConnection[0];
        Assert.Equal((3 * firstConnectionReports) - 6, beforeOffline.OfType<TagReading>().Count());
        Assert.True(firstConnectionReports >= completeBefore);
        Assert.Equal(1, harness.Meters.Total("edgegw.driver.bad_frames", ("reason", "truncated")));
        Assert.Equal(2, harness.Emulator.ConnectionsAccepted);
        Assert.Equal(1, harness.Meters.Total("edgegw.driver.reconnects"));
    }

    [Fact]
    public async Task Reader_that_stops_sending_keepalives_is_declared_offline_and_reconnected()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
        await using var harness = new LlrpReaderHarness(time, o =>
        {
            o.KeepaliveIntervalMs = 1000;
            o.MissedKeepalivesBeforeOffline = 3;
            o.ReconnectMinDelayMs = 100;
        }, reportPeriodMs: 60_000);
        harness.Start();
        await harness.Events.NextAsync<DeviceStatusChange>(s => s.State == DeviceState.Online);

        // Keepalives flowing: 5 s of reader time pass without a timeout.
        for (var i = 0; i < 5; i++)
        {
            time.Advance(TimeSpan.FromSeconds(1));
            await UntilAsync(() => harness.Emulator.KeepaliveAcks >= i + 1);
        }

        harness.Emulator.SendKeepalives = false;
        time.Advance(TimeSpan.FromMilliseconds(3001));
        var offline = await harness.Events.NextAsync<DeviceStatusChange>();
        harness.Emulator.SendKeepalives = true;
        DeviceStatusChange? online = null;
        while (online is null)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            online = await harness.Events.TryNextAsync(TimeSpan.FromMilliseconds(50)) as DeviceStatusChange;
        }

        Assert.Equal(DeviceState.Offline, offline.State);
        Assert.Equal("no KEEPALIVE for 3000 ms", offline.Detail);
        Assert.Equal(DeviceState.Online, online.State);
        Assert.Equal(1, harness.Meters.Total("edgegw.llrp.keepalive_timeouts"));
        Assert.Single(harness.Logger.Messages(2204));
        Assert.Equal(2, harness.Emulator.ConnectionsAccepted);
    }

    [Fact]
    public async Task Reader_that_refuses_the_connection_is_logged_by_reason_counted_and_retried_with_backoff()
    {
        await using var harness = new LlrpReaderHarness(TimeProvider.System);
        using var occupant = new System.Net.Sockets.TcpClient();
        await occupant.ConnectAsync("127.0.0.1", harness.Emulator.Port, TestContext.Current.CancellationToken);
        await UntilAsync(() => harness.Emulator.ConnectionsAccepted == 1);
        harness.Start();

        var offline = await harness.Events.NextAsync<DeviceStatusChange>(s => s.State == DeviceState.Offline);
        await UntilAsync(() => harness.Meters.Total("edgegw.llrp.connection_refusals") >= 3);
        occupant.Dispose();
        await harness.Events.NextAsync<DeviceStatusChange>(s => s.State == DeviceState.Online);

        const string reason = "Failed_A_Client_Initiated_Connection_Already_Exists";
        Assert.Equal("reader refused the connection: " + reason, offline.Detail);
        var refusals = harness.Meters.Total("edgegw.llrp.connection_refusals", ("status", reason));
        Assert.True(refusals >= 3);
        Assert.Equal(refusals, harness.Emulator.ConnectionsRefused);
        Assert.All(harness.Logger.Messages(2202), m => Assert.EndsWith("refused the connection: " + reason, m, StringComparison.Ordinal));
        Assert.Equal(refusals, harness.Logger.Messages(2202).Count);
        Assert.Equal(refusals, harness.Logger.Messages(2209).Count);
        Assert.Equal(refusals, harness.Meters.Total("edgegw.driver.reconnects"));
    }

    [Fact]
    public async Task Error_message_from_the_reader_is_logged_by_status_name_and_counted_without_dropping_the_session()
    {
        await using var harness = new LlrpReaderHarness(TimeProvider.System);
        harness.Start();
        await harness.Events.NextAsync<DeviceStatusChange>(s => s.State == DeviceState.Online);

        await harness.Emulator.SendErrorMessageAsync(new LlrpStatus(LlrpStatusCode.DeviceError, "antenna 2 overheated", null, null), TestContext.Current.CancellationToken);
        await UntilAsync(() => harness.Logger.Messages(2206).Count == 1);
        await ReadingsAsync(harness, 3);

        Assert.Equal("LLRP store-room-reader: reader sent ERROR_MESSAGE: R_DeviceError: antenna 2 overheated", harness.Logger.Messages(2206)[0]);
        Assert.Equal(1, harness.Meters.Total("edgegw.llrp.status_errors", ("status", "R_DeviceError"), ("message", "ERROR_MESSAGE")));
        Assert.Equal(1, harness.Emulator.ConnectionsAccepted);
    }

    [Fact]
    public async Task Garbage_from_the_reader_is_counted_and_the_connection_is_reset()
    {
        await using var harness = new LlrpReaderHarness(TimeProvider.System);
        harness.Start();
        await harness.Events.NextAsync<DeviceStatusChange>(s => s.State == DeviceState.Online);

        await harness.Emulator.SendRawAsync(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF }, TestContext.Current.CancellationToken);
        var offline = await harness.Events.NextAsync<DeviceStatusChange>(s => s.State == DeviceState.Offline);
        await harness.Events.NextAsync<DeviceStatusChange>(s => s.State == DeviceState.Online);

        Assert.Equal("reader sent an impossible message header (version); framing lost", offline.Detail);
        Assert.Equal(1, harness.Meters.Total("edgegw.driver.bad_frames", ("reason", "version")));
        Assert.Equal(2, harness.Emulator.ConnectionsAccepted);
    }

    [Fact]
    public async Task Probe_lists_every_epc_with_antenna_rssi_and_count()
    {
        await using var harness = new LlrpReaderHarness(TimeProvider.System, reportPeriodMs: 20);

        var result = await LlrpInventoryProbe.RunAsync(harness.Options, TimeSpan.FromMilliseconds(300), TimeProvider.System, null, TestContext.Current.CancellationToken);

        Assert.Equal("emulated-1.0", result.Capabilities!.FirmwareVersion);
        Assert.Equal(3, result.Tags.Count);
        var catheter = Assert.Single(result.Tags, t => t.Scheme == "sgtin-198");
        Assert.Equal((ushort)2, catheter.AntennaId);
        Assert.Equal("80614141123458", catheter.Gtin);
        Assert.Equal((sbyte)-55, catheter.PeakRssiDbm);
        Assert.All(result.Tags, t => Assert.True(t.Count >= 1));
        // Every report carries all three tags, so each was counted once per report the probe received.
        Assert.Single(result.Tags.Select(t => t.Count).Distinct());
        Assert.InRange(result.Tags[0].Count, 1, harness.Emulator.ReportsSent);
        Assert.Equal(1, harness.Emulator.CloseConnections);
    }
}
