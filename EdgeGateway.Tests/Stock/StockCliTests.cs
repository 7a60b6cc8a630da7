using System.CommandLine;
using System.Text.Json;
using EdgeGateway.Admin;
using EdgeGateway.Cli;
using EdgeGateway.Drivers.Epc;
using EdgeGateway.Drivers.Llrp.Emulation;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Stock;

/// <summary><c>edgegw catalog import</c> and <c>stock</c> against the daemon as a process; <c>diag llrp</c> against the emulator.</summary>
public sealed class StockCliTests : IDisposable
{
    private const string Saline = "80614141123458";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Catalog_import_of_a_good_file_exits_0_with_counts_and_a_bad_file_exits_2_with_every_line_and_imports_nothing()
    {
        await using var reader = new LlrpReaderEmulator(new LlrpReaderEmulatorOptions { ReportPeriodMs = 50, Antennas = 2 }, TimeProvider.System);
        reader.Start();
        reader.AddTag(1, Sgtin96Encoder.Encode(Saline, 7, 1));
        reader.AddTag(1, Sgtin96Encoder.Encode(Saline, 7, 5));
        reader.AddTag(2, Sgtin96Encoder.Encode(Saline, 7, 6));
        var config = WriteConfig($$"""
            "devices": [{ "id": "store-3A", "type": "rfid", "llrp": { "host": "127.0.0.1", "port": {{reader.Port}}, "antennas": [1, 2], "keepaliveIntervalMs": 1000 },
              "stock": { "windowSeconds": 60, "locations": [{ "name": "store room 3A", "antennas": [1], "minimums": [{ "gtin": "{{Saline}}", "minimum": 3 }] }] } }]
            """);
        var socket = _dir.File("admin.sock");
        var good = _dir.File("good.csv");
        await File.WriteAllTextAsync(good, $"gtin,name,lot,expiry,serials\n{Saline},\"Saline 0.9%, 500 ml\",S1,2026-02-01,1-4\n{Saline},\"Saline 0.9%, 500 ml\",S2,2026-08-01,\n", _ct);
        var bad = _dir.File("bad.csv");
        await File.WriteAllTextAsync(bad, $"gtin,name,lot,expiry,serials\n{Saline},Saline,S1,2026-02-01,\n80614141123459,Saline,S2,2026-02-01,\n{Saline},Saline,S3,2026-13-01,\n", _ct);
        await using var daemon = EdgegwProcess.Start("run", "--config", config);
        await daemon.WaitForLineAsync(line => line.Contains("ready in", StringComparison.Ordinal), Wait);

        var imported = await EdgegwProcess.RunAsync(null, "catalog", "import", good, "--socket", socket);
        var refused = await EdgegwProcess.RunAsync(null, "catalog", "import", bad, "--socket", socket);
        var listed = await EdgegwProcess.RunAsync(null, "catalog", "list", "--json", "--socket", socket);

        Assert.True(imported.ExitCode == 0, imported.Output);
        Assert.Contains("imported 2 lots of 1 products (1 listing serials, 1 covering the rest of their GTIN); the previous catalog had 0", imported.Output, StringComparison.Ordinal);
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains($"{bad}:3: GTIN \"80614141123459\" has check digit 9, expected 8", refused.Output, StringComparison.Ordinal);
        Assert.Contains($"{bad}:4: expiry \"2026-13-01\" is not a date written yyyy-MM-dd", refused.Output, StringComparison.Ordinal);
        Assert.Contains("2 bad lines; nothing imported", refused.Output, StringComparison.Ordinal);
        Assert.Equal(0, listed.ExitCode);
        var lots = JsonDocument.Parse(listed.Output[listed.Output.IndexOf('{', StringComparison.Ordinal)..]).RootElement.GetProperty("entries");
        Assert.Equal(["S1", "S2"], lots.EnumerateArray().Select(e => e.GetProperty("lot").GetString()));

        // Stock: two items at the store room's antenna (serial 1 in lot S1, serial 5 in lot S2); antenna 2 is mapped nowhere.
        JsonElement level;
        do
        {
            var stock = await AdminClient.RequestAsync(socket, new AdminRequest("stock"), _ct);
            level = stock.GetProperty("levels").EnumerateArray().Single();
        }
        while (level.GetProperty("count").GetInt32() < 2 && await Delay());

        Assert.Equal(("store room 3A", "Saline 0.9%, 500 ml", 2, 3, true, "2026-02-01", "S1"), (
            level.GetProperty("location").GetString(), level.GetProperty("name").GetString(), level.GetProperty("count").GetInt32(),
            level.GetProperty("minimum").GetInt32(), level.GetProperty("belowMinimum").GetBoolean(),
            level.GetProperty("nearestExpiry").GetString(), level.GetProperty("nearestLot").GetString()));
        var table = await EdgegwProcess.RunAsync(null, "stock", "--socket", socket);
        Assert.Equal(0, table.ExitCode);
        Assert.Contains(Saline, table.Output, StringComparison.Ordinal);
        Assert.Contains("Saline", table.Output.Replace(Saline, "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Catalog_commands_without_a_daemon_exit_3_but_a_bad_file_is_still_reported_with_exit_2()
    {
        var good = _dir.File("good.csv");
        await File.WriteAllTextAsync(good, $"gtin,name,lot,expiry,serials\n{Saline},Saline,S1,2026-02-01,\n", _ct);
        var bad = _dir.File("bad.csv");
        await File.WriteAllTextAsync(bad, "gtin,name,lot,expiry\n", _ct);

        var list = await EdgegwProcess.RunAsync(null, "catalog", "list", "--socket", _dir.File("nobody.sock"));
        var import = await EdgegwProcess.RunAsync(null, "catalog", "import", good, "--socket", _dir.File("nobody.sock"));
        var invalid = await EdgegwProcess.RunAsync(null, "catalog", "import", bad, "--socket", _dir.File("nobody.sock"));

        Assert.Equal((3, 3, 2), (list.ExitCode, import.ExitCode, invalid.ExitCode));
        Assert.Contains("no edgegw daemon is running", import.Output, StringComparison.Ordinal);
        Assert.Contains($"{bad}:1: the header must be", invalid.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diag_llrp_lists_every_EPC_with_its_GTIN_antenna_and_count_and_exits_0()
    {
        await using var reader = new LlrpReaderEmulator(new LlrpReaderEmulatorOptions { ReportPeriodMs = 20, Antennas = 2, PeakRssiDbm = -48 }, TimeProvider.System);
        reader.Start();
        reader.AddTag(1, Sgtin96Encoder.Encode(Saline, 7, 6789));
        reader.AddTag(2, Sgtin96Encoder.Encode(Saline, 7, 6790));

        var (exit, output, _) = await DiagAsync($"127.0.0.1:{reader.Port}", "--seconds", "1", "--json");

        Assert.Equal(0, exit);
        var tags = JsonDocument.Parse(output).RootElement.GetProperty("tags").EnumerateArray()
            .Select(t => (t.GetProperty("epc").GetString(), t.GetProperty("gtin").GetString(), t.GetProperty("serial").GetString(), t.GetProperty("antennaId").GetInt32(), t.GetProperty("peakRssiDbm").GetInt32()))
            .Order().ToList();
        Assert.Equal(
        [
            ("3034257BF7194E4000001A85", Saline, "6789", 1, -48),
            ("3034257BF7194E4000001A86", Saline, "6790", 2, -48),
        ], tags);
        Assert.Equal(1, reader.CloseConnections);
    }

    [Fact]
    public async Task Diag_llrp_shows_a_table_for_one_antenna()
    {
        await using var reader = new LlrpReaderEmulator(new LlrpReaderEmulatorOptions { ReportPeriodMs = 20, Antennas = 2 }, TimeProvider.System);
        reader.Start();
        reader.AddTag(1, Sgtin96Encoder.Encode(Saline, 7, 6789));
        reader.AddTag(2, Sgtin96Encoder.Encode(Saline, 7, 6790));

        var (exit, output, _) = await DiagAsync($"127.0.0.1:{reader.Port}", "--seconds", "1", "--antennas", "2");

        Assert.Equal(0, exit);
        Assert.Contains("3034257BF7194E4000001A86", output, StringComparison.Ordinal);
        Assert.Contains(Saline, output, StringComparison.Ordinal);
        Assert.DoesNotContain("3034257BF7194E4000001A85", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diag_llrp_against_a_reader_that_refuses_the_connection_says_why_and_exits_1()
    {
        await using var reader = new LlrpReaderEmulator(new LlrpReaderEmulatorOptions(), TimeProvider.System);
        reader.Start();
        using var occupant = new System.Net.Sockets.TcpClient();
        await occupant.ConnectAsync("127.0.0.1", reader.Port, _ct);

        var (exit, output, error) = await DiagAsync($"127.0.0.1:{reader.Port}", "--seconds", "1");

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.StartsWith($"edgegw: diag llrp 127.0.0.1:{reader.Port}: reader refused the connection: ", error, StringComparison.Ordinal);
        Assert.Contains("another client", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diag_llrp_with_nothing_listening_names_the_connection_error_and_exits_1()
    {
        var (exit, _, error) = await DiagAsync("127.0.0.1:1", "--seconds", "1");

        Assert.Equal(1, exit);
        Assert.StartsWith("edgegw: diag llrp 127.0.0.1:1: connecting to 127.0.0.1:1: ConnectionRefused", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("reader.local", "reader.local", 5084)]
    [InlineData("10.0.0.5:15084", "10.0.0.5", 15084)]
    [InlineData("[::1]:5085", "::1", 5085)]
    [InlineData("::1", "::1", 5084)]
    public void The_reader_address_takes_an_optional_port(string text, string host, int port)
    {
        Assert.True(DiagLlrpCommand.TryParseTarget(text, out var parsedHost, out var parsedPort));
        Assert.Equal((host, port), (parsedHost, parsedPort));
    }

    /// <summary>Runs <c>diag llrp</c> in-process (the lead registers it under <c>diag</c>), capturing its output.</summary>
    private async Task<(int Exit, string Output, string Error)> DiagAsync(params string[] args)
    {
        var root = new RootCommand { new Command("diag") { DiagLlrpCommand.Create() } };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await root.Parse(["diag", "llrp", .. args]).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, _ct);
        return (exit, output.ToString(), error.ToString().TrimEnd());
    }

    private string WriteConfig(string sections) => DaemonConfigFile.Write(_dir, sections);

    private async Task<bool> Delay()
    {
        await Task.Delay(50, _ct);
        return true;
    }
}
