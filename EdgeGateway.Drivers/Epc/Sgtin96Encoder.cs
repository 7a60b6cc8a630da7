namespace EdgeGateway.Drivers.Epc;

/// <summary>Encodes an SGTIN-96 (GS1 EPC TDS §14.5.1.1) for the reader emulator and the demo.</summary>
public static class Sgtin96Encoder
{
    /// <summary>Largest serial an SGTIN-96 can hold (38 bits, TDS §14.5.1.1).</summary>
    public const ulong MaxSerial = (1UL << 38) - 1;

    /// <param name="gtin">GTIN-14 with a correct check digit.</param>
    /// <param name="companyPrefixDigits">Length of the GS1 Company Prefix inside the GTIN, 6..12.</param>
    /// <param name="serial">0..<see cref="MaxSerial"/>.</param>
    /// <param name="filter">Filter value 0..7 (1 = point of sale trade item).</param>
    public static byte[] Encode(string gtin, int companyPrefixDigits, ulong serial, byte filter = 1)
    {
        ArgumentNullException.ThrowIfNull(gtin);
        if (gtin.Length != 14 || !gtin.All(char.IsAsciiDigit) || Gs1CheckDigit.Compute(gtin.AsSpan(0, 13)) != gtin[13])
        {
            throw new ArgumentException("must be 14 digits with a valid GS1 check digit", nameof(gtin));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(companyPrefixDigits, 6);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(companyPrefixDigits, 12);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, MaxSerial);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(filter, (byte)7);

        var partitionValue = 12 - companyPrefixDigits;
        var partition = SgtinPartition.Table[partitionValue];
        var companyPrefix = ulong.Parse(gtin.AsSpan(1, companyPrefixDigits), System.Globalization.CultureInfo.InvariantCulture);
        // The indicator digit goes back in front of the item reference (TDS §7.1).
        var itemReference = ulong.Parse(string.Concat(gtin.AsSpan(0, 1), gtin.AsSpan(1 + companyPrefixDigits, 12 - companyPrefixDigits)), System.Globalization.CultureInfo.InvariantCulture);

        var epc = new byte[12];
        EpcBits.Write(epc, 0, 8, EpcDecoder.Sgtin96Header);
        EpcBits.Write(epc, 8, 3, filter);
        EpcBits.Write(epc, 11, 3, (ulong)partitionValue);
        EpcBits.Write(epc, 14, partition.CompanyPrefixBits, companyPrefix);
        EpcBits.Write(epc, 14 + partition.CompanyPrefixBits, partition.ItemReferenceBits, itemReference);
        EpcBits.Write(epc, 58, 38, serial);
        return epc;
    }
}
