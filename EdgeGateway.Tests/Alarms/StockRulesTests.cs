using EdgeGateway.Alarms;
using EdgeGateway.Configuration;
using EdgeGateway.Drivers.Epc;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Stock;

namespace EdgeGateway.Tests.Alarms;

public sealed class StockRulesTests
{
    private const string Reader = "store-3A";
    private const string Saline = "80614141123458";
    private const string Dressing = "80614141987654";
    private static readonly DateTimeOffset T0 = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    private readonly StockTracker _tracker = new(new StockPlan(
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

    private readonly List<AlarmTransition> _transitions = [];

    [Fact]
    public void Stock_under_its_minimum_is_raised_only_after_the_hold_and_cleared_only_after_it_held_at_the_minimum()
    {
        var engine = new AlarmEngine([new StockBelowMinimumRule(_tracker, () => CatalogIndex.Empty, AlarmPriority.Low, TimeSpan.FromSeconds(60))]);
        int? lowSince = null, restockedAt = null;
        var raisedAt = new List<int>();
        var clearedAt = new List<int>();

        // Every 10 s the reader sees the shelf: serials 1 and 2 until a nurse takes 2 at 40 s; 3 and 4 arrive at 170 s.
        for (var t = 0; t <= 400; t += 10)
        {
            var now = T0.AddSeconds(t);
            See(Saline, 1, now);
            if (t < 50)
            {
                See(Saline, 2, now);
            }

            if (t >= 170)
            {
                See(Saline, 3, now);
                See(Saline, 4, now);
                restockedAt ??= t;
            }

            lowSince ??= _tracker.Level("store room 3A", Saline, now) < 2 ? t : null;
            _transitions.Clear();
            Tick(engine, now);
            raisedAt.AddRange(_transitions.Where(x => x.State == AlarmState.Raised).Select(_ => t));
            clearedAt.AddRange(_transitions.Where(x => x.State == AlarmState.Cleared).Select(_ => t));
            if (t == lowSince + 60)
            {
                var raised = Assert.Single(_transitions);
                Assert.Equal((StockBelowMinimumRule.AlarmType, "store-room-3A." + Saline, AlarmPriority.Low), (raised.Type, raised.Subject, raised.Priority));
                Assert.Equal((1.0, 2.0), (raised.Values["count"], raised.Values["minimum"]));
            }
        }

        Assert.NotNull(lowSince);
        Assert.Equal([lowSince.Value + 60], raisedAt);
        Assert.Equal([restockedAt!.Value + 60], clearedAt);
    }

    [Fact]
    public void A_lot_near_expiry_is_low_an_expired_lot_is_high_and_both_clear_when_its_items_are_gone()
    {
        var catalog = new CatalogIndex(
        [
            new CatalogEntry(Saline, "Saline 0.9% 500 ml", "S-NEAR", new DateOnly(2026, 12, 4), Serials("1;2")),
            new CatalogEntry(Saline, "Saline 0.9% 500 ml", "S-OLD", new DateOnly(2026, 11, 20), Serials("3")),
            new CatalogEntry(Saline, "Saline 0.9% 500 ml", "S-FINE", new DateOnly(2027, 6, 1), SerialSet.All),
            new CatalogEntry(Dressing, "Dressing", "D-NEAR", new DateOnly(2026, 12, 20), SerialSet.All),
        ]);
        var engine = new AlarmEngine([new LotExpiryRule(_tracker, () => catalog, 30, AlarmPriority.Low)]);
        foreach (var serial in new ulong[] { 1, 2, 3, 9 })
        {
            See(Saline, serial, T0);
        }

        See(Dressing, 5, T0);
        Tick(engine, T0.AddSeconds(1));

        var bySubject = _transitions.ToDictionary(t => t.Subject);
        Assert.Equal(3, _transitions.Count);
        var near = bySubject[$"store-room-3A.{Saline}.S-NEAR"];
        Assert.Equal((LotExpiryRule.NearType, AlarmPriority.Low, 2.0, 10.0), (near.Type, near.Priority, near.Values["items"], near.Values["daysToExpiry"]));
        var expired = bySubject[$"store-room-3A.{Saline}.S-OLD"];
        Assert.Equal((LotExpiryRule.ExpiredType, AlarmPriority.High, -4.0), (expired.Type, expired.Priority, expired.Values["daysToExpiry"]));
        Assert.Contains("do not use", expired.Message, StringComparison.Ordinal);
        // No minimum for dressings here: the rule's default of 30 days applies (26 days left).
        Assert.Equal(LotExpiryRule.NearType, bySubject[$"store-room-3A.{Dressing}.D-NEAR"].Type);

        _transitions.Clear();
        Tick(engine, T0.AddSeconds(40));
        Assert.Equal(3, _transitions.Count(t => t.State == AlarmState.Cleared));
    }

    private static SerialSet Serials(string text)
    {
        Assert.True(SerialSet.TryParse(text, out var set, out _));
        return set;
    }

    private void See(string gtin, ulong serial, DateTimeOffset at) =>
        _tracker.Observe(new TagReading(Reader, at, EpcDecoder.Decode(Sgtin96Encoder.Encode(gtin, 7, serial), 96), 1, -50, null, null, 1), at);

    private void Tick(AlarmEngine engine, DateTimeOffset at) => engine.Tick(at, _transitions);
}
