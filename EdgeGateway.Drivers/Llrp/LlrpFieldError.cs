namespace EdgeGateway.Drivers.Llrp;

/// <summary>LLRP 1.0.1 FieldError (TLV 288): which field of the offending message or parameter was wrong.</summary>
public sealed record LlrpFieldError(ushort FieldNumber, LlrpStatusCode ErrorCode);
