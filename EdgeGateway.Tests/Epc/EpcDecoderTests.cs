using EdgeGateway.Drivers.Epc;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Epc;

public sealed class EpcDecoderTests
{
    [Fact]
    public void Sgtin96_worked_example_from_the_tag_data_standard_decodes_to_gtin_and_serial()
    {
        var epc = EpcDecoder.Decode(Convert.FromHexString(LlrpVectors.Sgtin96Example), 96);

        Assert.Equal(EpcScheme.Sgtin96, epc.Scheme);
        Assert.Equal("sgtin-96", epc.SchemeName);
        Assert.Equal(0x30, epc.Header);
        Assert.Equal(new Sgtin(1, 5, "0614141", "812345", "80614141123458", "6789"), epc.Sgtin);
    }

    [Fact]
    public void Sgtin198_decodes_its_alphanumeric_serial()
    {
        var epc = EpcDecoder.Decode(Convert.FromHexString(LlrpVectors.Sgtin198Example), 198);

        Assert.Equal(EpcScheme.Sgtin198, epc.Scheme);
        Assert.Equal(new Sgtin(3, 5, "0614141", "812345", "80614141123458", "32a/b"), epc.Sgtin);
    }

    [Theory]
    [InlineData("30000000000000000000002A", 0, "000000000000", "0", "00000000000000")]     // partition 0: 12-digit prefix, 1-digit item ref
    [InlineData("301800004000004000000001", 6, "000001", "0000001", "00000010000014")] // partition 6: 6-digit prefix
    public void Partition_table_places_the_indicator_digit_and_computes_the_check_digit(string hex, int partition, string companyPrefix, string itemReference, string gtin)
    {
        var epc = EpcDecoder.Decode(Convert.FromHexString(hex), 96);

        Assert.NotNull(epc.Sgtin);
        Assert.Equal(partition, epc.Sgtin.Partition);
        Assert.Equal(companyPrefix, epc.Sgtin.CompanyPrefix);
        Assert.Equal(itemReference, epc.Sgtin.IndicatorAndItemReference);
        Assert.Equal(gtin, epc.Sgtin.Gtin);
    }

    [Fact]
    public void Other_schemes_are_reported_raw_with_their_header()
    {
        var epc = EpcDecoder.Decode(Convert.FromHexString("E280116060000209F1A2B3C4D5E6F708"), 128);

        Assert.Equal(EpcScheme.Raw, epc.Scheme);
        Assert.Equal("raw", epc.SchemeName);
        Assert.Equal(0xE2, epc.Header);
        Assert.Equal("E280116060000209F1A2B3C4D5E6F708", epc.Hex);
        Assert.Null(epc.Sgtin);
    }

    [Fact]
    public void Sgtin_header_with_the_reserved_partition_7_is_reported_raw()
    {
        // Header 0x30, filter 1, partition 7.
        var epc = EpcDecoder.Decode(Convert.FromHexString("303C257BF7194E4000001A85"), 96);

        Assert.Equal(EpcScheme.Raw, epc.Scheme);
    }

    [Fact]
    public void Sgtin96_encoder_reproduces_the_standard_example()
    {
        var bytes = Sgtin96Encoder.Encode("80614141123458", 7, 6789, filter: 1);

        Assert.Equal(LlrpVectors.Sgtin96Example, Convert.ToHexString(bytes));
    }

    [Fact]
    public void Sgtin96_encoder_refuses_a_gtin_with_a_wrong_check_digit()
    {
        Assert.Throws<ArgumentException>(() => Sgtin96Encoder.Encode("80614141123459", 7, 1));
    }
}
