using System.CommandLine;

namespace EdgeGateway.Cli;

/// <summary><c>edgegw diag …</c>: the technician's tools that talk to a device directly, without the daemon (design.md §4.4).</summary>
internal static class DiagCommand
{
    /// <summary>The <c>diag</c> parent with <c>modbus</c> and <c>serial</c>, and any further tools in <paramref name="extra"/> (e.g. <c>diag llrp</c>).</summary>
    public static Command Create(params Command[] extra)
    {
        ArgumentNullException.ThrowIfNull(extra);
        var diag = new Command("diag", "Talk to one device directly, without the daemon (stop the daemon first if it holds the port)")
        {
            DiagModbusCommand.Create(),
            DiagSerialCommand.Create(),
        };
        foreach (var command in extra)
        {
            diag.Add(command);
        }

        return diag;
    }
}
