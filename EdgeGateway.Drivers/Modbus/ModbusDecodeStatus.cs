namespace EdgeGateway.Drivers.Modbus;

/// <summary>What a frame decoder found at the start of its input. Decoders never throw on bad input.</summary>
public enum ModbusDecodeStatus
{
    /// <summary>The input is a prefix of a frame that may still be valid: read more bytes.</summary>
    NeedMoreData,

    /// <summary>A complete, checked frame.</summary>
    Frame,

    /// <summary>A complete RTU frame whose CRC does not match (Serial Line V1.02 §2.5.1.2): discard it.</summary>
    CrcError,

    /// <summary>Bytes that cannot start a frame (bad MBAP protocol id or length, unknown function code).</summary>
    Malformed,
}
