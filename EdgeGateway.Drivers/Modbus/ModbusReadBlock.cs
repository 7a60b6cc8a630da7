namespace EdgeGateway.Drivers.Modbus;

/// <summary>One read request of a poll and the indices (into the device's points) of the points decoded from it.</summary>
internal sealed record ModbusReadBlock(ModbusFunction Function, ushort Address, ushort Count, IReadOnlyList<int> PointIndices);
