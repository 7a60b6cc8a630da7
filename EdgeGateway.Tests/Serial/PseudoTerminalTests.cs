using System.IO.Ports;
using EdgeGateway.Drivers.Serial;

namespace EdgeGateway.Tests.Serial;

public sealed class PseudoTerminalTests
{
    [Fact]
    public async Task Bytes_pass_unchanged_both_ways_between_the_simulator_and_a_SerialPort()
    {
        var ct = TestContext.Current.CancellationToken;
        using var pty = PseudoTerminal.Open();
        using var port = new SerialPort(pty.DevicePath, 115200, Parity.None, 8, StopBits.One) { ReadTimeout = 5000 };
        port.Open();

        byte[] fromDevice = [0x01, 0x03, 0x0A, 0x0D, 0x11, 0x13, 0xFF, 0x00];
        await pty.WriteAsync(fromDevice, ct);
        var received = new byte[fromDevice.Length];
        var total = 0;
        while (total < received.Length)
        {
            total += await port.BaseStream.ReadAsync(received.AsMemory(total), ct);
        }

        Assert.Equal(fromDevice, received);

        byte[] toDevice = [0x11, 0x13, 0x0D, 0x0A, 0x7F];
        await port.BaseStream.WriteAsync(toDevice, ct);
        var echoed = new byte[toDevice.Length];
        total = 0;
        while (total < echoed.Length)
        {
            total += await pty.ReadAsync(echoed.AsMemory(total), ct);
        }

        Assert.Equal(toDevice, echoed);
    }

    [Fact]
    public async Task A_symlinked_pty_is_reachable_at_the_same_path_after_unplug_and_replug()
    {
        var ct = TestContext.Current.CancellationToken;
        var directory = Directory.CreateTempSubdirectory("edgegw-pty-");
        try
        {
            var link = Path.Combine(directory.FullName, "ttyBED1");
            var first = PseudoTerminal.Open(link);
            Assert.Equal(link, first.LinkPath);
            Assert.Equal(first.DevicePath, new FileInfo(link).LinkTarget);

            first.Dispose();
            Assert.False(File.Exists(link));

            using var second = PseudoTerminal.Open(link);
            using var port = new SerialPort(link, 115200) { ReadTimeout = 5000 };
            port.Open();
            await second.WriteAsync(new byte[] { 0x42 }, ct);
            var received = new byte[1];
            Assert.Equal(1, await port.BaseStream.ReadAsync(received, ct));
            Assert.Equal(0x42, received[0]);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Fact]
    public void Disposing_an_old_pair_leaves_the_link_of_the_newer_pair_alone()
    {
        var directory = Directory.CreateTempSubdirectory("edgegw-pty-");
        try
        {
            var link = Path.Combine(directory.FullName, "ttyBED2");
            var old = PseudoTerminal.Open(link);
            using var replacement = PseudoTerminal.Open(link);

            old.Dispose();

            Assert.Equal(replacement.DevicePath, new FileInfo(link).LinkTarget);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
