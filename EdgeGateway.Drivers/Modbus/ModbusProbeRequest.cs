namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// One read for <c>edgegw diag modbus</c>: the line (exactly one of <see cref="Tcp"/> or <see cref="Rtu"/>), unit,
/// function 03 or 04, address and register count, and optionally how to decode the registers.
/// </summary>
public sealed record ModbusProbeRequest
{
    /// <summary><c>host:port</c> of a Modbus TCP server.</summary>
    public string? Tcp { get; init; }

    public ModbusRtuOptions? Rtu { get; init; }

    /// <summary>Unit id; any byte, since TCP gateways may expect 0 or 255.</summary>
    public byte UnitId { get; init; } = 1;

    public ModbusFunction Function { get; init; } = ModbusFunction.ReadHoldingRegisters;

    public ushort Address { get; init; }

    /// <summary>Registers to read, 1..125.</summary>
    public ushort Count { get; init; } = 1;

    /// <summary>When set, the registers are also decoded as consecutive values of this type.</summary>
    public RegisterType? Type { get; init; }

    public WordOrder WordOrder { get; init; } = WordOrder.ABCD;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(1);
}
