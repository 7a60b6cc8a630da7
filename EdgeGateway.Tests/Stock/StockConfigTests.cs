using EdgeGateway.Configuration;
using EdgeGateway.Stock;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Stock;

public sealed class StockConfigTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private ConfigLoadResult Load(string stock, string antennas = "[1, 2]", string more = "")
    {
        var path = _dir.File("edgegw.json");
        File.WriteAllText(path, $$"""
            {
              "gateway": { "id": "ward-3a", "dataDir": "/var/lib/edgegw" },
              "devices": [
                { "id": "store-3A", "type": "rfid", "llrp": { "host": "10.0.0.5", "antennas": {{antennas}} }, "stock": {{stock}} }{{more}}
              ]
            }
            """);
        return GatewayConfigLoader.Load(path);
    }

    [Fact]
    public void A_valid_stock_section_binds_and_gives_the_plan_its_locations_windows_and_minimums()
    {
        var result = Load("""
            { "windowSeconds": 120, "locations": [
                { "name": "store room 3A", "antennas": [1], "minimums": [{ "gtin": "80614141123458", "minimum": 5, "nearExpiryDays": 14 }] },
                { "name": "crash cart 2", "antennas": [2] } ] }
            """);

        Assert.Empty(result.Errors);
        var plan = new StockPlan(result.Options!.Devices);
        Assert.Equal("store room 3A", plan.LocationOf("store-3A", 1));
        Assert.Equal("crash cart 2", plan.LocationOf("store-3A", 2));
        Assert.Null(plan.LocationOf("store-3A", 3));
        Assert.Equal(TimeSpan.FromSeconds(120), plan.WindowOf("crash cart 2"));
        Assert.Equal([new StockMinimum("store room 3A", "80614141123458", 5, 14)], plan.Minimums);
    }

    public static TheoryData<string, string> Wrong() => new()
    {
        { """{ "locations": [{ "name": "a", "antennas": [3] }] }""", "devices[0].stock.locations[0].antennas: antenna 3 is not in llrp.antennas [1, 2]" },
        { """{ "locations": [] }""", "devices[0].stock.locations: must list at least one location" },
        { """{ "windowSeconds": 1, "locations": [{ "name": "a", "antennas": [1] }] }""", "devices[0].stock.windowSeconds: must be 5..86400" },
        { """{ "locations": [{ "name": "", "antennas": [1] }] }""", "devices[0].stock.locations[0].name: is required" },
        { """{ "locations": [{ "name": "a", "antennas": [] }] }""", "devices[0].stock.locations[0].antennas: must list at least one antenna" },
        { """{ "locations": [{ "name": "a", "antennas": [1] }, { "name": "a", "antennas": [2] }] }""", "devices[0].stock.locations[1].name: \"a\" is already used by locations[0]" },
        { """{ "locations": [{ "name": "a", "antennas": [1] }, { "name": "b", "antennas": [1, 2] }] }""", "devices[0].stock.locations[1].antennas: antenna 1 is already mapped by locations[0]" },
        { """{ "locations": [{ "name": "a", "antennas": [1], "minimums": [{ "gtin": "80614141123459", "minimum": 1 }] }] }""", "devices[0].stock.locations[0].minimums[0].gtin: GTIN \"80614141123459\" has check digit 9, expected 8" },
        { """{ "locations": [{ "name": "a", "antennas": [1], "minimums": [{ "gtin": "80614141123458", "minimum": -1 }] }] }""", "devices[0].stock.locations[0].minimums[0].minimum: must be 0..1000000" },
        { """{ "locations": [{ "name": "a", "antennas": [1], "minimums": [{ "gtin": "80614141123458", "nearExpiryDays": 5000 }] }] }""", "devices[0].stock.locations[0].minimums[0].nearExpiryDays: must be 0..3650" },
        { """{ "locations": [{ "name": "a", "antennas": [1], "minimums": [{ "gtin": "80614141123458" }, { "gtin": "80614141123458" }] }] }""", "devices[0].stock.locations[0].minimums[1].gtin: \"80614141123458\" is already given by minimums[0]" },
        { """{ "locations": [{ "name": "a", "antenna": [1] }] }""", "devices[0].stock.locations[0].antenna: unknown key (did you mean \"antennas\"?)" },
    };

    [Theory]
    [MemberData(nameof(Wrong))]
    public void Each_wrong_stock_setting_is_reported_by_its_path(string stock, string expected)
    {
        var result = Load(stock);

        Assert.Null(result.Options);
        Assert.Contains(expected, result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_location_name_used_by_two_readers_is_refused()
    {
        var result = Load("""{ "locations": [{ "name": "store room", "antennas": [1] }] }""", more: """
            ,
                { "id": "store-3B", "type": "rfid", "llrp": { "host": "10.0.0.6" }, "stock": { "locations": [{ "name": "store room", "antennas": [1] }] } }
            """);

        Assert.Equal(["devices[1].stock.locations[0].name: \"store room\" is already a location of devices[0]"], result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void A_stock_section_on_a_device_that_is_not_a_reader_is_refused()
    {
        var path = _dir.File("edgegw.json");
        File.WriteAllText(path, """
            { "gateway": { "id": "w", "dataDir": "/var/lib/edgegw" },
              "devices": [{ "id": "c", "type": "callButton", "gpio": { "line": 3 }, "stock": { "locations": [{ "name": "a", "antennas": [1] }] } }] }
            """);

        var result = GatewayConfigLoader.Load(path);

        Assert.Contains("devices[0].stock: does not belong to a device of type \"callButton\"", result.Errors.Select(e => e.ToString()));
    }
}
