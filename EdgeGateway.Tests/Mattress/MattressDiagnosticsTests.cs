using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Drivers.Serial;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Tests.Mattress;

public sealed class MattressDiagnosticsTests
{
    [Fact]
    public async Task Diag_yields_decoded_frames_and_rejections_with_reasons_and_ends_when_the_time_is_up()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pty = PseudoTerminal.Open();
        var clock = new FakeTimeProvider(new DateTimeOffset(2024, 6, 11, 9, 0, 0, TimeSpan.Zero));
        await pty.WriteAsync(MattressFrames.Concat(MattressFrames.AtRest, MattressFrames.Ascii("zz"), MattressFrames.Apnea), ct);
        var entries = new List<MattressDiagnosticEntry>();

        await foreach (var entry in MattressDiagnostics.ReadAsync(pty.DevicePath, 115_200, TimeSpan.FromSeconds(10), clock, ct))
        {
            entries.Add(entry);
            if (entries.Count == 3)
            {
                clock.Advance(TimeSpan.FromSeconds(10));
            }
        }

        Assert.Collection(
            entries,
            e => Assert.Equal(62, e.Reading!.HrBpm),
            e => Assert.Equal(("garbage", "bytes outside a frame"), (e.RejectReason, e.Detail)),
            e => Assert.Equal(new MattressFrame(1700000002, 64, 0, 75, 40, 1580, BedStatus.AtRest, 938, 945, 951), e.Frame));
    }

    [Fact]
    public async Task Diag_on_a_missing_port_throws_an_IOException_naming_it()
    {
        var missing = "/dev/edgegw-no-such-port";

        var error = await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            await foreach (var entry in MattressDiagnostics.ReadAsync(missing, 115_200, TimeSpan.FromSeconds(1), TimeProvider.System, TestContext.Current.CancellationToken))
            {
                Assert.Fail($"unexpected entry {entry}");
            }
        });

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }
}
