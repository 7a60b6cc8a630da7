namespace EdgeGateway.Drivers.Modbus;

/// <summary>How a probe read ended; the CLI maps each to its own exit code.</summary>
public enum ModbusProbeOutcome
{
    /// <summary>Registers read.</summary>
    Ok,

    /// <summary>The unit answered with an exception response.</summary>
    Exception,

    /// <summary>No complete answer within the timeout (silence or a truncated frame).</summary>
    Timeout,

    /// <summary>An answer arrived but was rejected (CRC error, malformed, from another unit).</summary>
    Rejected,

    /// <summary>The port could not be opened or the connection failed.</summary>
    TransportError,
}
