namespace EdgeGateway.Drivers.Llrp;

/// <summary>LLRP 1.0.1 LLRPStatus (TLV 287): the outcome carried by every response and by ERROR_MESSAGE.</summary>
public sealed record LlrpStatus(LlrpStatusCode Code, string ErrorDescription, LlrpFieldError? FieldError, LlrpParameterError? ParameterError)
{
    public static LlrpStatus Success { get; } = new(LlrpStatusCode.Success, string.Empty, null, null);

    public bool IsSuccess => Code == LlrpStatusCode.Success;

    /// <summary>The spec name plus the reader's own words, e.g. <c>M_FieldError: bad antenna (field 2)</c>.</summary>
    public string Describe()
    {
        var text = LlrpNames.Of(Code);
        if (ErrorDescription.Length > 0)
        {
            text += ": " + ErrorDescription;
        }

        if (FieldError is not null)
        {
            text += $" (field {FieldError.FieldNumber}: {LlrpNames.Of(FieldError.ErrorCode)})";
        }

        for (var error = ParameterError; error is not null; error = error.ParameterError)
        {
            text += $" (parameter {error.ParameterType}: {LlrpNames.Of(error.ErrorCode)}";
            if (error.FieldError is not null)
            {
                text += $", field {error.FieldError.FieldNumber}: {LlrpNames.Of(error.FieldError.ErrorCode)}";
            }

            text += ")";
        }

        return text;
    }
}
