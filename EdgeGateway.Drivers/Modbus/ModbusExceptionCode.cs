namespace EdgeGateway.Drivers.Modbus;

/// <summary>Exception codes a server returns with function | 0x80 (Modbus Application Protocol V1.1b3 §7).</summary>
public enum ModbusExceptionCode : byte
{
    /// <summary>01: the function code is not an allowable action for the server.</summary>
    IllegalFunction = 0x01,

    /// <summary>02: the address, or the combination of address and quantity, is not allowable.</summary>
    IllegalDataAddress = 0x02,

    /// <summary>03: a value in the request (e.g. the quantity) is not allowable.</summary>
    IllegalDataValue = 0x03,

    /// <summary>04: an unrecoverable error occurred while the server performed the action.</summary>
    ServerDeviceFailure = 0x04,

    /// <summary>05: accepted, but it will take long; poll again later.</summary>
    Acknowledge = 0x05,

    /// <summary>06: the server is busy with a long-duration command; retry later.</summary>
    ServerDeviceBusy = 0x06,

    /// <summary>08: extended file area failed its consistency check (functions 20/21).</summary>
    MemoryParityError = 0x08,

    /// <summary>0A: a gateway could not allocate a path to the target.</summary>
    GatewayPathUnavailable = 0x0A,

    /// <summary>0B: a gateway got no response from the target device.</summary>
    GatewayTargetFailedToRespond = 0x0B,
}
