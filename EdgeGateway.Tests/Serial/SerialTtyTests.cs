using System.IO.Ports;
using EdgeGateway.Drivers.Serial;

namespace EdgeGateway.Tests.Serial;

public sealed class SerialTtyTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_read_waits_for_the_bytes_the_device_sends_and_gets_them_unchanged()
    {
        using var pty = PseudoTerminal.Open();
        using var tty = SerialTty.Open(pty.DevicePath, 115200, Parity.None, 8, StopBits.One);
        var buffer = new byte[16];
        var reading = tty.ReadAsync(buffer, _ct).AsTask();

        byte[] sent = [0x01, 0x03, 0x0A, 0x0D, 0x11, 0x13, 0xFF, 0x00];
        await pty.WriteAsync(sent, _ct);
        var total = await reading.WaitAsync(Patience, _ct);
        while (total < sent.Length)
        {
            total += await tty.ReadAsync(buffer.AsMemory(total), _ct);
        }

        Assert.Equal(sent, buffer[..total]);
    }

    [Fact]
    public async Task The_device_going_away_fails_a_waiting_read_with_an_io_error()
    {
        var pty = PseudoTerminal.Open();
        using var tty = SerialTty.Open(pty.DevicePath, 9600, Parity.Even, 7, StopBits.Two);
        var reading = tty.ReadAsync(new byte[16], _ct).AsTask();

        pty.Dispose();

        await Assert.ThrowsAsync<IOException>(() => reading.WaitAsync(Patience, _ct));
    }

    [Fact]
    public async Task A_waiting_read_ends_when_cancelled()
    {
        using var pty = PseudoTerminal.Open();
        using var tty = SerialTty.Open(pty.DevicePath, 115200, Parity.None, 8, StopBits.One);
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_ct);
        var reading = tty.ReadAsync(new byte[16], cancel.Token).AsTask();

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => reading.WaitAsync(Patience, _ct));
    }

    [Fact]
    public void A_missing_device_and_a_non_standard_rate_are_refused_with_what_to_check()
    {
        using var pty = PseudoTerminal.Open();

        var missing = Assert.Throws<FileNotFoundException>(() => SerialTty.Open("/dev/ttyEDGEGW-NONE", 115200, Parity.None, 8, StopBits.One));
        var rate = Assert.Throws<IOException>(() => SerialTty.Open(pty.DevicePath, 100_000, Parity.None, 8, StopBits.One));

        Assert.Equal("/dev/ttyEDGEGW-NONE does not exist (adapter unplugged, or a wrong path)", missing.Message);
        Assert.StartsWith($"{pty.DevicePath}: 100000 baud is not a standard rate (1200, ", rate.Message, StringComparison.Ordinal);
    }
}
