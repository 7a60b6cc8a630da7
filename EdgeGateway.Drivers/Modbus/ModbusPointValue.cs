namespace EdgeGateway.Drivers.Modbus;

/// <summary>One scaled point value and the telemetry field it is written as (<see cref="ModbusPointOptions.FieldName"/>).</summary>
public readonly record struct ModbusPointValue(string Field, double Value);
