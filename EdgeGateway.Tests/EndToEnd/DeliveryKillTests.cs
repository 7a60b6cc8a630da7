using System.Globalization;
using System.Security.Cryptography;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.EndToEnd;

/// <summary>
/// Design §6, "nothing acknowledged is lost", on the built daemon: SIGKILL at random moments while
/// transmitters on Modbus TCP are polled every 20 ms and the forwarder delivers to Mosquitto over TLS.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class DeliveryKillTests
{
    private const int Kills = 20;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Killed_20_times_during_ingestion_and_delivery_the_daemon_loses_no_committed_message_and_resends_only_identical_duplicates()
    {
        var seed = Seed();
        var random = new Random(seed);
        Log($"seed {seed} (EDGEGW_E2E_SEED={seed} replays these kill moments)");
        await using var ward = await EndToEndWard.StartAsync(new EndToEndWardLoad(Transmitters: 4, PollIntervalMs: 20), _ct);
        var answered = new List<EndToEndCall>();
        for (var round = 1; round <= Kills; round++)
        {
            await ward.StartDaemonAsync();
            var connected = await ward.WaitDeliveringAsync();
            // A call between kills, answered; once its clear is in the cloud, delivery has resumed after the restart.
            var call = await ward.CallAndCancelAsync();
            await ward.Subscriber.WaitForAlarmAsync(call.AlarmId, "cleared", Wait, _ct);
            answered.Add(call);

            var killAfter = random.Next(200, 2001);
            var moment = Task.Delay(killAfter, _ct);
            // Every other round a call is pressed in the window and left unanswered: the kill may catch its alarm
            // anywhere between the engine, the outbox and the broker.
            var pressAt = round % 2 == 0 ? random.Next(0, killAfter) : -1;
            if (pressAt >= 0)
            {
                await Task.Delay(pressAt, _ct);
                await ward.PressAsync();
            }

            await moment;
            await ward.KillDaemonAsync();
            Log(string.Create(CultureInfo.InvariantCulture,
                $"kill {round}: {killAfter} ms after delivery resumed{(pressAt >= 0 ? $", an unanswered call pressed at {pressAt} ms" : "")}; at its start: {connected[(connected.IndexOf("Connected", StringComparison.Ordinal))..]}; the cloud has {ward.Subscriber.DistinctCount} distinct seqs"));
        }

        await ward.StartDaemonAsync();
        await ward.WaitDeliveringAsync();
        var (maxSeq, outbox) = await ward.DrainAsync(TimeSpan.FromMinutes(2));
        var audit = new EndToEndDeliveryAudit(ward.Subscriber.Snapshot(), maxSeq, EndToEndWard.GatewayId);
        Log(audit.Summary());
        Log($"lost: {audit.Missing.Count}");

        Assert.Equal(0, EndToEndWard.Evicted(outbox));
        Assert.Empty(audit.Missing);
        Assert.Empty(audit.Unexpected);
        Assert.Empty(audit.DuplicateMismatches);
        Assert.Empty(audit.WrongIds);
        Assert.Empty(audit.OrderViolations);
        Assert.All(answered, call =>
        {
            Assert.Contains(audit.FirstDeliveries, m => m.AlarmId == call.AlarmId && m.State == "raised");
            Assert.Contains(audit.FirstDeliveries, m => m.AlarmId == call.AlarmId && m.State == "cleared");
        });
        Assert.True(audit.Readings > Kills * 100, $"steady ingestion: {audit.Readings} readings over {Kills} kills");
    }

    /// <summary>A new schedule each run unless EDGEGW_E2E_SEED replays one; the seed is in the test output.</summary>
    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("EDGEGW_E2E_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)
            ? seed
            : RandomNumberGenerator.GetInt32(int.MaxValue);

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
