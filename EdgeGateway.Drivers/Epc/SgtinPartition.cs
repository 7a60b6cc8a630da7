namespace EdgeGateway.Drivers.Epc;

/// <summary>One row of the SGTIN partition table (GS1 EPC TDS Table 14-2).</summary>
internal readonly record struct SgtinPartition(int CompanyPrefixBits, int CompanyPrefixDigits, int ItemReferenceBits, int ItemReferenceDigits)
{
    private static readonly SgtinPartition[] Rows =
    [
        new(40, 12, 4, 1),
        new(37, 11, 7, 2),
        new(34, 10, 10, 3),
        new(30, 9, 14, 4),
        new(27, 8, 17, 5),
        new(24, 7, 20, 6),
        new(20, 6, 24, 7),
    ];

    /// <summary>TDS Table 14-2, indexed by partition value 0..6; 7 is reserved.</summary>
    public static ReadOnlySpan<SgtinPartition> Table => Rows;
}
