using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Mattress;

public sealed class MattressFrameEncoderTests
{
    [Fact]
    public void Encoding_the_documented_frames_gives_the_documented_bytes()
    {
        Assert.Equal(MattressFrames.AtRest, MattressFrameEncoder.Encode(new MattressFrame(1700000000, 62, 14, 78, 45, 1650, BedStatus.AtRest, 968, 972, 955)));
        Assert.Equal(MattressFrames.BedEmpty, MattressFrameEncoder.Encode(new MattressFrame(1700000001, 0, 0, 0, 0, 0, BedStatus.Empty, 0, 0, 0)));
        Assert.Equal(MattressFrames.Tachycardia, MattressFrameEncoder.Encode(new MattressFrame(1700000005, 142, 22, 61, 12, 1710, BedStatus.AtRest, 423, 419, 425)));
    }

    [Fact]
    public void A_value_that_does_not_fit_five_digits_is_refused()
    {
        var frame = new MattressFrame(1700000000, 100_000, 14, 78, 45, 1650, BedStatus.AtRest, 968, 972, 955);

        Assert.Throws<ArgumentOutOfRangeException>(() => MattressFrameEncoder.Encode(frame));
    }
}
