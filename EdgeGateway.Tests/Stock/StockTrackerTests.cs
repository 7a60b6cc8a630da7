using EdgeGateway.Configuration;
using EdgeGateway.Drivers.Epc;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Stock;

namespace EdgeGateway.Tests.Stock;

public sealed class StockTrackerTests
{
    private const string Reader = "store-3A";
    private const string Saline = "80614141123458";
    private const string Dressing = "80614141987654";
    private static readonly DateTimeOffset T0 = new(2026, 1, 10, 8, 0, 0, TimeSpan.Zero);

    private static StockTracker Tracker(int windowSeconds = 60) => new(new StockPlan(
    [
        new DeviceOptions
        {
            Id = Reader,
            Type = DeviceType.Rfid,
            Llrp = new LlrpReaderOptions { Host = "127.0.0.1", Antennas = [1, 2, 3] },
            Stock = new StockOptions
            {
                WindowSeconds = windowSeconds,
                Locations =
                [
                    new StockLocationOptions { Name = "store room", Antennas = [1], Minimums = [new StockMinimumOptions { Gtin = Saline, Minimum = 3 }] },
                    new StockLocationOptions { Name = "crash cart", Antennas = [2] },
                ],
            },
        },
    ]));

    private static TagReading Tag(string gtin, ulong serial, ushort? antenna, string device = Reader) =>
        new(device, T0, EpcDecoder.Decode(Sgtin96Encoder.Encode(gtin, 7, serial), 96), antenna, -50, null, null, 1);

    [Fact]
    public void The_same_tag_read_many_times_and_again_after_a_reconnect_counts_once()
    {
        var tracker = Tracker();
        for (var i = 0; i < 50; i++)
        {
            tracker.Observe(Tag(Saline, 1, 1), T0.AddMilliseconds(100 * i));
        }

        tracker.Observe(Tag(Saline, 2, 1), T0.AddSeconds(5));

        // The reader reconnects and reports its whole field again, with reader timestamps from the past.
        tracker.Observe(Tag(Saline, 1, 1) with { Timestamp = T0.AddHours(-1) }, T0.AddSeconds(20));
        tracker.Observe(Tag(Saline, 2, 1) with { Timestamp = T0.AddHours(-1) }, T0.AddSeconds(20));

        Assert.Equal(2, tracker.Level("store room", Saline, T0.AddSeconds(21)));
    }

    [Fact]
    public void An_item_not_read_within_the_window_leaves_the_count()
    {
        var tracker = Tracker(windowSeconds: 60);
        tracker.Observe(Tag(Saline, 1, 1), T0);
        tracker.Observe(Tag(Saline, 2, 1), T0);
        tracker.Observe(Tag(Saline, 2, 1), T0.AddSeconds(30));

        Assert.Equal(2, tracker.Level("store room", Saline, T0.AddSeconds(59.9)));
        Assert.Equal(1, tracker.Level("store room", Saline, T0.AddSeconds(60)));
        Assert.Equal(0, tracker.Level("store room", Saline, T0.AddSeconds(90)));
        Assert.Empty(tracker.Items(T0.AddSeconds(90)));
    }

    [Fact]
    public void Two_locations_count_separately_and_an_item_moved_counts_only_where_it_was_read_last()
    {
        var tracker = Tracker();
        tracker.Observe(Tag(Saline, 1, 1), T0);
        tracker.Observe(Tag(Saline, 2, 1), T0);
        tracker.Observe(Tag(Dressing, 7, 2), T0);
        tracker.Observe(Tag(Saline, 2, 2), T0.AddSeconds(10));

        var now = T0.AddSeconds(11);
        Assert.Equal(1, tracker.Level("store room", Saline, now));
        Assert.Equal(1, tracker.Level("crash cart", Saline, now));
        Assert.Equal(1, tracker.Level("crash cart", Dressing, now));
        Assert.Equal(
            [("crash cart", Saline, "2"), ("crash cart", Dressing, "7"), ("store room", Saline, "1")],
            tracker.Items(now).Select(i => (i.Location, i.Gtin, i.Serial)));
    }

    [Fact]
    public void A_read_on_an_unmapped_antenna_or_reader_or_of_a_non_SGTIN_is_ignored_and_counted()
    {
        var tracker = Tracker();

        Assert.False(tracker.Observe(Tag(Saline, 1, 3), T0));
        Assert.False(tracker.Observe(Tag(Saline, 1, null), T0));
        Assert.False(tracker.Observe(Tag(Saline, 1, 1, device: "other-reader"), T0));
        Assert.False(tracker.Observe(new TagReading(Reader, T0, EpcDecoder.Decode(Convert.FromHexString("E2801160600002054C3A1B2F"), 96), 1, null, null, null, null), T0));
        Assert.True(tracker.Observe(Tag(Saline, 1, 1), T0));

        Assert.Equal(3, tracker.UnmappedReadings);
        Assert.Equal(1, tracker.NotSgtinReadings);
        Assert.Single(tracker.Items(T0));
    }

    [Fact]
    public void The_report_joins_counts_minimums_and_the_catalog_and_shows_a_minimum_with_nothing_left_as_zero()
    {
        var tracker = Tracker();
        tracker.Observe(Tag(Saline, 1, 1), T0);
        tracker.Observe(Tag(Saline, 2, 1), T0);
        tracker.Observe(Tag(Saline, 9, 1), T0);
        tracker.Observe(Tag(Dressing, 7, 2), T0);
        var catalog = new CatalogIndex(
        [
            new CatalogEntry(Saline, "Saline", "S1", new DateOnly(2026, 2, 1), SerialSet.TryParse("1", out var one, out _) ? one : SerialSet.All),
            new CatalogEntry(Saline, "Saline", "S2", new DateOnly(2026, 1, 20), SerialSet.TryParse("2", out var two, out _) ? two : SerialSet.All),
        ]);

        var report = StockReport.Build(tracker, catalog, null, T0.AddSeconds(1));

        Assert.Equal(
        [
            new StockLevel("crash cart", Dressing, null, 1, null, false, null, null, 1),
            new StockLevel("store room", Saline, "Saline", 3, 3, false, new DateOnly(2026, 1, 20), "S2", 1),
        ], report.Levels);

        var later = StockReport.Build(tracker, catalog, null, T0.AddMinutes(5));
        Assert.Equal([new StockLevel("store room", Saline, "Saline", 0, 3, true, null, null, 0)], later.Levels);
    }
}
