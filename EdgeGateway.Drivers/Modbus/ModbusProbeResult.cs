namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// What a probe read returned: raw <see cref="Registers"/> and, when a type was asked for, decoded
/// <see cref="Values"/> (empty otherwise); or the exception code, or the error in words a technician can act on.
/// </summary>
public sealed record ModbusProbeResult(
    ModbusProbeOutcome Outcome,
    IReadOnlyList<ushort> Registers,
    IReadOnlyList<double> Values,
    ModbusExceptionCode? ExceptionCode,
    string? Error,
    TimeSpan Elapsed);
