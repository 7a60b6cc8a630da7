using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Drivers.Modbus;

/// <summary>The <c>modbus.rtu</c> section: the serial line a device hangs on. Devices naming the same port share it.</summary>
public sealed class ModbusRtuOptions
{
    /// <summary>The serial device, e.g. <c>/dev/ttyUSB0</c>.</summary>
    [Required(ErrorMessage = "is required")]
    public string Port { get; set; } = string.Empty;

    [Range(1200, 921_600, ErrorMessage = "must be 1200..921600")]
    public int Baud { get; set; } = 19200;

    /// <summary>Even is the Serial Line V1.02 §2.5.1 default.</summary>
    public SerialParity Parity { get; set; } = SerialParity.Even;

    /// <summary>RTU carries 8-bit binary bytes (Serial Line V1.02 §2.5.1); kept in config so a profile states it.</summary>
    [Range(8, 8, ErrorMessage = "must be 8 (RTU frames carry 8-bit bytes)")]
    public int DataBits { get; set; } = 8;

    [Range(1, 2, ErrorMessage = "must be 1 or 2")]
    public int StopBits { get; set; } = 1;

    /// <summary>
    /// t3.5, the silent interval that separates frames (Serial Line V1.02 §2.5.1.1): 3.5 character times of
    /// start + data + parity + stop bits, fixed at 1.75 ms above 19200 baud.
    /// </summary>
    public TimeSpan SilentInterval
    {
        get
        {
            if (Baud > 19200)
            {
                return TimeSpan.FromMicroseconds(1750);
            }

            var characterBits = 1 + DataBits + (Parity == SerialParity.None ? 0 : 1) + StopBits;
            return TimeSpan.FromMicroseconds(Math.Ceiling(3.5 * characterBits * 1_000_000.0 / Baud));
        }
    }
}
