namespace EdgeGateway.Drivers.Mattress;

/// <summary>Why bytes on the line were not a frame (docs/protocols/mattress.md §6).</summary>
public enum MattressRejectReason
{
    /// <summary>Not a rejection.</summary>
    None,

    /// <summary>Bytes outside a frame, before the next <c>$</c>.</summary>
    Garbage,

    /// <summary>A new <c>$</c> arrived before the CR LF of the frame in progress.</summary>
    Truncated,

    /// <summary>82 bytes since <c>$</c> without a line feed.</summary>
    Overlong,

    /// <summary>The <c>*HH</c> checksum does not match the payload.</summary>
    Checksum,

    /// <summary>A complete line that breaks the frame grammar.</summary>
    Malformed,
}
