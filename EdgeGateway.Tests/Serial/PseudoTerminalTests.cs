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
}
