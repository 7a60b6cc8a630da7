namespace EdgeGateway.Drivers.Llrp;

/// <summary>One parameter as found in a message: its type and its value bytes (after the TV or TLV header).</summary>
public readonly ref struct LlrpParameter
{
    public LlrpParameter(ushort type, bool isTv, ReadOnlySpan<byte> value, int offset)
    {
        Type = type;
        IsTv = isTv;
        Value = value;
        Offset = offset;
    }

    /// <summary>7-bit TV type or 10-bit TLV type.</summary>
    public ushort Type { get; }

    public bool IsTv { get; }

    /// <summary>The parameter's fields and sub-parameters, without its header.</summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Where <see cref="Value"/> starts inside the span the reader walks.</summary>
    public int Offset { get; }

    public LlrpParameterType Known => (LlrpParameterType)Type;
}
