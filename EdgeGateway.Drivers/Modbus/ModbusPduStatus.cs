namespace EdgeGateway.Drivers.Modbus;

/// <summary>The outcome of decoding a PDU.</summary>
public enum ModbusPduStatus
{
    /// <summary>A well-formed PDU of the expected function.</summary>
    Ok,

    /// <summary>An exception response (function | 0x80), or for a slave: a request it must answer with an exception.</summary>
    Exception,

    /// <summary>Not a PDU answering the request (wrong function, byte count, echo or length).</summary>
    Malformed,
}
