namespace EdgeGateway.Drivers.Modbus;

/// <summary>
/// The Modbus TCP application protocol header (Modbus Messaging on TCP/IP Implementation Guide V1.0b §3.1.3;
/// Application Protocol V1.1b3 §4.1): transaction id, protocol id 0, length of the bytes that follow
/// (unit id + PDU), unit id.
/// </summary>
public readonly record struct MbapHeader(ushort TransactionId, ushort ProtocolId, ushort Length, byte UnitId);
