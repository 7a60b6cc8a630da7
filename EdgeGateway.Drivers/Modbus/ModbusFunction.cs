namespace EdgeGateway.Drivers.Modbus;

/// <summary>The public function codes this gateway speaks (Modbus Application Protocol V1.1b3 §5.1, §6).</summary>
public enum ModbusFunction : byte
{
    /// <summary>03 (0x03) Read Holding Registers, §6.3.</summary>
    ReadHoldingRegisters = 0x03,

    /// <summary>04 (0x04) Read Input Registers, §6.4.</summary>
    ReadInputRegisters = 0x04,

    /// <summary>06 (0x06) Write Single Register, §6.6.</summary>
    WriteSingleRegister = 0x06,

    /// <summary>16 (0x10) Write Multiple Registers, §6.12.</summary>
    WriteMultipleRegisters = 0x10,
}
