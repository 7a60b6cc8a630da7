using EdgeGateway.Drivers.Modbus;

namespace EdgeGateway.Tests.Modbus;

public sealed class PressureUnitsTests
{
    [Theory]
    [InlineData(412.5, "kPa", 412.5)]
    [InlineData(4.125, "bar", 412.5)]
    [InlineData(0.4125, "MPa", 412.5)]
    [InlineData(100, "psi", 689.4757293168361)]
    public void Converts_each_unit_to_kPa(double value, string unit, double expectedKpa) =>
        Assert.Equal(expectedKpa, PressureUnits.ToKpa(value, unit), 9);

    [Theory]
    [InlineData(4.0, 0.0)]
    [InlineData(12.0, 500.0)]
    [InlineData(20.0, 1000.0)]
    [InlineData(8.0, 250.0)]
    public void A_4_to_20_mA_loop_maps_linearly_onto_the_configured_range(double milliampere, double expectedKpa) =>
        Assert.Equal(expectedKpa, PressureUnits.ToKpa(milliampere, "mA", 0, 1000), 9);

    [Fact]
    public void Millipascal_is_not_mistaken_for_megapascal() => Assert.False(PressureUnits.IsSupported("mPa"));
}
