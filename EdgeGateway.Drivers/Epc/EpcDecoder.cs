using System.Globalization;

namespace EdgeGateway.Drivers.Epc;

/// <summary>
/// Decodes EPC binary encodings per the GS1 EPC Tag Data Standard. SGTIN-96 (header 0x30) and SGTIN-198
/// (header 0x36) become GTIN-14 + serial (TDS §14.5.1 layout, §14.3.3/§14.3.5 decoding); any other
/// header, or an SGTIN whose fields break the standard (reserved partition, a field larger than its digits
/// allow, a bad serial character), is returned raw with its header so nothing is silently lost.
/// </summary>
public static class EpcDecoder
{
    public const byte Sgtin96Header = 0x30;
    public const byte Sgtin198Header = 0x36;

    public static DecodedEpc Decode(ReadOnlySpan<byte> epc, int bitLength)
    {
        var hex = Convert.ToHexString(epc);
        if (epc.Length == 0)
        {
            return new DecodedEpc(EpcScheme.Raw, 0, hex, null);
        }

        var header = epc[0];
        var sgtin = header switch
        {
            Sgtin96Header when bitLength >= 96 && epc.Length >= 12 => DecodeSgtin(epc, serial96: true),
            Sgtin198Header when bitLength >= 198 && epc.Length >= 25 => DecodeSgtin(epc, serial96: false),
            _ => null,
        };
        return sgtin is null
            ? new DecodedEpc(EpcScheme.Raw, header, hex, null)
            : new DecodedEpc(header == Sgtin96Header ? EpcScheme.Sgtin96 : EpcScheme.Sgtin198, header, hex, sgtin);
    }

    private static Sgtin? DecodeSgtin(ReadOnlySpan<byte> epc, bool serial96)
    {
        // TDS §14.5.1: header 8, filter 3, partition 3, company prefix + item reference 44, serial 38 or 140.
        var filter = (byte)EpcBits.Read(epc, 8, 3);
        var partitionValue = (int)EpcBits.Read(epc, 11, 3);
        if (partitionValue >= SgtinPartition.Table.Length)
        {
            return null;
        }

        var partition = SgtinPartition.Table[partitionValue];
        var companyPrefix = EpcBits.Read(epc, 14, partition.CompanyPrefixBits);
        var itemReference = EpcBits.Read(epc, 14 + partition.CompanyPrefixBits, partition.ItemReferenceBits);
        if (companyPrefix >= Pow10(partition.CompanyPrefixDigits) || itemReference >= Pow10(partition.ItemReferenceDigits))
        {
            return null;
        }

        var serial = serial96 ? DecimalSerial(epc) : AlphanumericSerial(epc);
        if (serial is null)
        {
            return null;
        }

        var cp = companyPrefix.ToString(CultureInfo.InvariantCulture).PadLeft(partition.CompanyPrefixDigits, '0');
        var ir = itemReference.ToString(CultureInfo.InvariantCulture).PadLeft(partition.ItemReferenceDigits, '0');

        // TDS §7.1: the first digit of the indicator/item reference field is the GTIN's indicator digit.
        Span<char> gtin = stackalloc char[14];
        gtin[0] = ir[0];
        cp.AsSpan().CopyTo(gtin[1..]);
        ir.AsSpan(1).CopyTo(gtin[(1 + cp.Length)..]);
        gtin[13] = Gs1CheckDigit.Compute(gtin[..13]);
        return new Sgtin(filter, (byte)partitionValue, cp, ir, new string(gtin), serial);
    }

    private static string? DecimalSerial(ReadOnlySpan<byte> epc) =>
        EpcBits.Read(epc, 58, 38).ToString(CultureInfo.InvariantCulture);

    /// <summary>TDS §14.3.6 (String): 20 seven-bit characters, ended by the first all-zero character.</summary>
    private static string? AlphanumericSerial(ReadOnlySpan<byte> epc)
    {
        Span<char> chars = stackalloc char[20];
        var length = 0;
        var ended = false;
        for (var i = 0; i < 20; i++)
        {
            var c = (char)EpcBits.Read(epc, 58 + (7 * i), 7);
            if (c == 0)
            {
                ended = true;
                continue;
            }

            if (ended || !IsGs1AiCharacter(c))
            {
                return null;
            }

            chars[length++] = c;
        }

        return new string(chars[..length]);
    }

    /// <summary>GS1 AI encodable character set 82 (GS1 General Specifications Figure 7.11-1).</summary>
    private static bool IsGs1AiCharacter(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9')
            or '!' or '"' or '%' or '&' or '\'' or '(' or ')' or '*' or '+' or ',' or '-' or '.' or '/'
            or ':' or ';' or '<' or '=' or '>' or '?' or '_';

    private static ulong Pow10(int digits)
    {
        ulong value = 1;
        for (var i = 0; i < digits; i++)
        {
            value *= 10;
        }

        return value;
    }
}
