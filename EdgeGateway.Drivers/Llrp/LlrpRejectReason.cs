namespace EdgeGateway.Drivers.Llrp;

/// <summary>Why the codec refused a message. <see cref="LlrpRejectReasons.CounterTag"/> gives the counter's reason tag.</summary>
public enum LlrpRejectReason
{
    None = 0,

    /// <summary>Header length below 10 bytes or above the configured maximum: the stream has lost its framing.</summary>
    BadLength,

    /// <summary>Header version other than 1 (LLRP 1.0.1).</summary>
    UnsupportedVersion,

    /// <summary>A parameter's length runs past its parent (or the message), or is shorter than its own header.</summary>
    ParameterOverrun,

    /// <summary>A required field or parameter is missing, too short, or an unknown TV type makes the rest unreadable.</summary>
    Malformed,

    /// <summary>The stream ended in the middle of a message.</summary>
    Truncated,
}
