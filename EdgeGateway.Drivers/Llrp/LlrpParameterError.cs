namespace EdgeGateway.Drivers.Llrp;

/// <summary>LLRP 1.0.1 ParameterError (TLV 289): the offending parameter, possibly nested down to a field.</summary>
public sealed record LlrpParameterError(ushort ParameterType, LlrpStatusCode ErrorCode, LlrpFieldError? FieldError, LlrpParameterError? ParameterError);
