using System.Text.Json;
using EdgeGateway.Outbox;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Tests.Cloud;

public sealed class DeadLetterCommandTests
{
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Edgegw_outbox_dead_lists_the_dead_letters_of_the_running_daemon_over_the_admin_socket()
    {
        await using var gateway = await GatewayFixture.StartAsync(cloud: false);
        var outbox = gateway.Host.Services.GetRequiredService<OutboxStore>();
        var seq = await outbox.AppendAsync(OutboxFixture.Draft(MessageKind.Alarm, "too-big", size: 300), _ct);
        Assert.True(await outbox.DeadLetterAsync(seq, "payload over 256 KB", 5, _ct));

        var (exitCode, output) = await EdgegwProcess.RunAsync(null, "outbox", "--dead", "--json", "--socket", gateway.SocketPath);

        Assert.Equal(0, exitCode);
        var letter = Assert.Single(JsonDocument.Parse(output).RootElement.EnumerateArray());
        Assert.Equal(seq, letter.GetProperty("seq").GetInt64());
        Assert.Equal($"{GatewayFixture.GatewayId}:{seq}", letter.GetProperty("id").GetString());
        Assert.Equal("alarm", letter.GetProperty("kind").GetString());
        Assert.Equal("high", letter.GetProperty("priority").GetString());
        Assert.Equal(300, letter.GetProperty("bytes").GetInt64());
        Assert.Equal(5, letter.GetProperty("refusals").GetInt32());
        Assert.Equal("payload over 256 KB", letter.GetProperty("reason").GetString());
        Assert.False(letter.TryGetProperty("payload", out _));

        var (tableExit, table) = await EdgegwProcess.RunAsync(null, "outbox", "--dead", "--socket", gateway.SocketPath);
        Assert.Equal(0, tableExit);
        Assert.Contains("payload", table, StringComparison.Ordinal);
        Assert.Contains("alarm", table, StringComparison.Ordinal);
        Assert.Equal(1, (await outbox.GetStatsAsync(_ct)).DeadLetters);
    }

    [Fact]
    public async Task Dead_letters_survive_a_restart_and_only_the_newest_are_kept()
    {
        using var dir = new TempDirectory();
        var settings = OutboxFixture.Settings(dir.Path) with { DeadLetterLimit = 2 };
        var seqs = new List<long>();
        await using (var store = await OutboxFixture.OpenAsync(settings))
        {
            for (var i = 0; i < 3; i++)
            {
                seqs.Add(await store.AppendAsync(OutboxFixture.Draft(MessageKind.Reading, $"r{i}"), _ct));
                Assert.True(await store.DeadLetterAsync(seqs[^1], $"refused {i}", 3, _ct));
            }

            Assert.False(await store.DeadLetterAsync(seqs[0], "gone already", 3, _ct));
            Assert.Equal(0, store.Depth);
            Assert.Equal(0, store.Bytes);
        }

        await using (var store = await OutboxFixture.OpenAsync(settings))
        {
            Assert.Equal(2, store.DeadLetters);
            Assert.Equal([seqs[2], seqs[1]], (await store.ListDeadLettersAsync(10, _ct)).Select(d => d.Seq));
            Assert.Empty(await store.ReadAsync(0, 10, _ct));
        }
    }
}
