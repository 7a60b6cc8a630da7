using EdgeGateway.Outbox;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.EndToEnd;

/// <summary>
/// SIGTERM while the built daemon is busy and its cloud unreachable (docs/operations.md §4: "The restart flushes
/// the outbox on SIGTERM"): it exits 0 within 5 s, and every reading it had taken in is in outbox.db, in one
/// unbroken run of seq.
/// </summary>
public sealed class DiskFlushOnShutdownTests : IDisposable
{
    private const int Transmitters = 4;
    private const int Presses = 1000;
    private readonly TempDirectory _dir = new();
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SIGTERM_under_load_with_the_cloud_unreachable_exits_0_within_5_s_with_every_reading_taken_in_stored()
    {
        var transmitters = Enumerable.Range(0, Transmitters).Select(_ => DeviceFaultTransmitter.Start()).ToList();
        try
        {
            var devices = transmitters.Select((t, i) => DeviceFaultConfig.PressureTransmitter($"pipe-{i}", t.Port, pollIntervalMs: 10))
                .Append(DeviceFaultConfig.CallButton("call-1", "ward/test/call-1"));
            await using var daemon = await DeviceFaultDaemon.StartAsync(_dir, $$"""
                {{DeviceFaultConfig.UnreachableCloud()}},
                "devices": [ {{string.Join(", ", devices)}} ]
                """);
            await daemon.Process.WaitForLineAsync(line => line.Contains("Cannot connect to the cloud", StringComparison.Ordinal), DeviceFaultDaemon.Wait);
            await daemon.WaitUntilAsync(async () => (await daemon.RequestAsync("outbox")).GetProperty("depth").GetInt64() >= 500, "readings flowing");

            // A burst of presses on top of ~400 readings/s, all acknowledged by the broker just before the signal.
            await using (var button = await CallButtonPublisher.ConnectAsync(daemon.BrokerPort, _ct))
            {
                await Task.WhenAll(Enumerable.Range(0, Presses).Select(i => button.PublishAsync("ward/test/call-1", i % 2 == 0 ? "pressed" : "cancelled", _ct)));
            }

            var taken = (await daemon.RequestAsync("devices")).EnumerateArray().ToDictionary(d => d.GetProperty("id").GetString()!, d => d.GetProperty("frames").GetInt64());
            daemon.Process.Signal("TERM");
            var stopping = System.Diagnostics.Stopwatch.StartNew();
            var exitCode = await daemon.Process.WaitForExitAsync(TimeSpan.FromSeconds(10));
            var stoppedIn = stopping.Elapsed;

            Assert.Equal(0, exitCode);
            Assert.True(stoppedIn < TimeSpan.FromSeconds(5), $"stopped in {stoppedIn}");
            Assert.DoesNotContain(daemon.Process.Output, line => line.Contains("OutboxStore[1107]", StringComparison.Ordinal) || line.Contains("OutboxStore[1108]", StringComparison.Ordinal));
            await using var outbox = await OutboxFixture.OpenAsync(OutboxFixture.Settings(_dir.File("data")));
            var stored = await outbox.ReadAsync(0, 10_000_000, _ct);
            Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(m => m.Seq));
            foreach (var (device, frames) in taken)
            {
                var readings = stored.Count(m => m.Kind == MessageKind.Reading && m.DeviceId == device);
                Assert.True(readings >= frames, $"{device}: {readings} readings stored, {frames} taken in before SIGTERM");
            }

            // Nothing stored that was not sent: at most one reading per answered poll, one per press.
            Assert.InRange(stored.Count(m => m.Kind == MessageKind.Reading && m.DeviceId == "call-1"), taken["call-1"], Presses);
            for (var i = 0; i < Transmitters; i++)
            {
                Assert.InRange(stored.Count(m => m.Kind == MessageKind.Reading && m.DeviceId == $"pipe-{i}"), taken[$"pipe-{i}"], transmitters[i].Slave.Requests);
            }
        }
        finally
        {
            foreach (var transmitter in transmitters)
            {
                await transmitter.DisposeAsync();
            }
        }
    }
}
