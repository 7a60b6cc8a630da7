namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// No complete answer within the request's timeout. <see cref="BytesReceived"/> &gt; 0 means a truncated
/// frame arrived (the slave, or the line, stopped mid-frame); 0 means silence.
/// </summary>
public sealed class ModbusTimeoutException : TimeoutException
{
    public ModbusTimeoutException(byte unitId, ModbusFunction function, ushort address, TimeSpan timeout, int bytesReceived)
        : base(bytesReceived == 0
            ? $"unit {unitId} did not answer {function} at address {address} within {timeout.TotalMilliseconds:0} ms"
            : $"unit {unitId} sent a truncated answer ({bytesReceived} bytes) to {function} at address {address} within {timeout.TotalMilliseconds:0} ms")
    {
        UnitId = unitId;
        Function = function;
        Address = address;
        Timeout = timeout;
        BytesReceived = bytesReceived;
    }

    public byte UnitId { get; }

    public ModbusFunction Function { get; }

    public ushort Address { get; }

    public TimeSpan Timeout { get; }

    public int BytesReceived { get; }

    /// <summary>Part of a frame arrived before the timeout.</summary>
    public bool IsTruncated => BytesReceived > 0;
}
