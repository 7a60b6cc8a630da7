using EdgeGateway.Alarms;
using EdgeGateway.Configuration;
using EdgeGateway.Drivers.Epc;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Stock;
using EdgeGateway.Tests.Fixtures;
using static EdgeGateway.Tests.Fixtures.AlarmHarness;

namespace EdgeGateway.Tests.Alarms;

/// <summary>
/// Stock and lot alarms across a restart. The stock tracker starts empty after a restart, which is no evidence
/// of an empty shelf: restored alarms stay until the shelf has been seen again for the usual hold or window.
/// </summary>
public sealed class StockAlarmRestoreTests
{
    private const string Reader = "store-3A";
    private const string Saline = "80614141123458";
    private static readonly CatalogIndex Catalog = new([new CatalogEntry(Saline, "Saline 0.9% 500 ml", "S-NEAR", new DateOnly(2026, 12, 4), SerialSet.All)]);

    private StockTracker _tracker = NewTracker();

    [Fact]
    public void A_restored_low_stock_stays_while_the_new_tracker_has_seen_nothing_and_clears_with_the_same_id_after_the_hold_at_the_minimum()
    {
        var alarms = new AlarmRestartHarness(_ => [new StockBelowMinimumRule(_tracker, () => CatalogIndex.Empty, AlarmPriority.Low, TimeSpan.FromSeconds(60))]);
        EveryTenSeconds(alarms, 0, 60, [1]);
        var raised = alarms.Single(AlarmState.Raised);
        Assert.Equal(At(60), raised.RaisedAt);

        _tracker = NewTracker();
        alarms.Restart(70);
        EveryTenSeconds(alarms, 70, 300, []);
        Assert.Empty(alarms.Transitions);
        EveryTenSeconds(alarms, 310, 360, [1, 2, 3]);
        Assert.Empty(alarms.Transitions);
        EveryTenSeconds(alarms, 370, 370, [1, 2, 3]);

        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Cleared, 3.0), (cleared.AlarmId, cleared.State, cleared.Values["count"]));
    }

    [Fact]
    public void A_restored_lot_alarm_is_not_taken_for_gone_before_the_locations_window_has_passed_since_the_restart()
    {
        var alarms = Lots();
        EveryFiveSeconds(alarms, 0, 0, [1]);
        var raised = alarms.Single(AlarmState.Raised);
        Assert.Equal(LotExpiryRule.NearType, raised.Type);

        _tracker = NewTracker();
        alarms.Restart(10);
        EveryFiveSeconds(alarms, 10, 35, []);
        Assert.Empty(alarms.Transitions);
        EveryFiveSeconds(alarms, 40, 40, []);

        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, AlarmState.Cleared, At(40)), (cleared.AlarmId, cleared.State, cleared.Timestamp));
        Assert.Equal("no item of lot S-NEAR left at store room 3A", cleared.Message);
    }

    [Fact]
    public void A_restored_lot_alarm_whose_items_are_read_again_is_kept_without_a_second_raise()
    {
        var alarms = Lots();
        EveryFiveSeconds(alarms, 0, 0, [1]);
        var raised = alarms.Single(AlarmState.Raised);

        _tracker = NewTracker();
        alarms.Restart(10);
        EveryFiveSeconds(alarms, 10, 300, [1]);

        Assert.Empty(alarms.Transitions);
        Assert.Equal(raised.AlarmId, Assert.Single(alarms.Engine.Book.Active).AlarmId);
    }

    [Fact]
    public void A_restored_stock_alarm_of_a_location_no_longer_configured_is_cleared_at_start_with_the_reason()
    {
        var alarms = new AlarmRestartHarness(_ => [new StockBelowMinimumRule(_tracker, () => CatalogIndex.Empty, AlarmPriority.Low, TimeSpan.FromSeconds(60))]);
        EveryTenSeconds(alarms, 0, 60, [1]);
        var raised = alarms.Single(AlarmState.Raised);

        _tracker = new StockTracker(new StockPlan([]));
        alarms.Restart(70);

        var cleared = Assert.Single(alarms.Transitions);
        Assert.Equal((raised.AlarmId, $"stock_below_minimum on store-room-3A.{Saline} cleared after a restart: store-room-3A.{Saline} is no longer configured for stock_below_minimum alarms"),
            (cleared.AlarmId, cleared.Message));
    }

    private static StockTracker NewTracker() => new(new StockPlan(
    [
        new DeviceOptions
        {
            Id = Reader,
            Type = DeviceType.Rfid,
            Llrp = new LlrpReaderOptions { Host = "127.0.0.1", Antennas = [1] },
            Stock = new StockOptions
            {
                WindowSeconds = 30,
                Locations = [new StockLocationOptions { Name = "store room 3A", Antennas = [1], Minimums = [new StockMinimumOptions { Gtin = Saline, Minimum = 2, NearExpiryDays = 14 }] }],
            },
        },
    ]));

    private AlarmRestartHarness Lots() => new(_ => [new LotExpiryRule(_tracker, () => Catalog, 30, AlarmPriority.Low)]);

    /// <summary>The reader sees these serials every 10 s, each time followed by a tick.</summary>
    private void EveryTenSeconds(AlarmRestartHarness alarms, int from, int to, ulong[] serials) => Every(10, alarms, from, to, serials);

    private void EveryFiveSeconds(AlarmRestartHarness alarms, int from, int to, ulong[] serials) => Every(5, alarms, from, to, serials);

    private void Every(int step, AlarmRestartHarness alarms, int from, int to, ulong[] serials)
    {
        for (var t = from; t <= to; t += step)
        {
            foreach (var serial in serials)
            {
                _tracker.Observe(new TagReading(Reader, At(t), EpcDecoder.Decode(Sgtin96Encoder.Encode(Saline, 7, serial), 96), 1, -50, null, null, 1), At(t));
            }

            alarms.Tick(t);
        }
    }
}
