namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// LLRP 1.0.1 §14.2.1 (LLRPStatus) status codes. The spec's names (<c>M_FieldError</c>, ...) are given by
/// <see cref="LlrpNames.Of(LlrpStatusCode)"/> for logs, so a technician can look them up.
/// </summary>
public enum LlrpStatusCode : ushort
{
    Success = 0,
    MessageParameterError = 100,
    MessageFieldError = 101,
    MessageUnexpectedParameter = 102,
    MessageMissingParameter = 103,
    MessageDuplicateParameter = 104,
    MessageOverflowParameter = 105,
    MessageOverflowField = 106,
    MessageUnknownParameter = 107,
    MessageUnknownField = 108,
    MessageUnsupportedMessage = 109,
    MessageUnsupportedVersion = 110,
    MessageUnsupportedParameter = 111,
    ParameterParameterError = 200,
    ParameterFieldError = 201,
    ParameterUnexpectedParameter = 202,
    ParameterMissingParameter = 203,
    ParameterDuplicateParameter = 204,
    ParameterOverflowParameter = 205,
    ParameterOverflowField = 206,
    ParameterUnknownParameter = 207,
    ParameterUnknownField = 208,
    ParameterUnsupportedParameter = 209,
    FieldInvalid = 300,
    FieldOutOfRange = 301,
    DeviceError = 401,
}
