using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Mattress;

public sealed class MattressFrameFuzzTests
{
    private static readonly byte[][] Examples =
    [
        MattressFrames.AtRest, MattressFrames.BedEmpty, MattressFrames.Apnea,
        MattressFrames.Moving, MattressFrames.WeakSignal, MattressFrames.Tachycardia,
    ];

    private static readonly byte[] Sentinel = MattressFrameEncoder.Encode(
        new MattressFrame(1234567890, 61, 13, 70, 44, 1600, BedStatus.AtRest, 980, 985, 990));

    [Fact]
    public void A_hundred_thousand_random_and_mutated_inputs_never_throw_and_the_next_good_frame_always_decodes()
    {
        var random = new Random(20240611);
        var decoder = new MattressFrameDecoder();
        var buffer = new byte[4096];
        var rejections = new Dictionary<MattressRejectReason, int>();
        var frames = 0;

        for (var i = 0; i < 100_000; i++)
        {
            var input = Mutate(random, i);
            var last = default(MattressDecodeResult);
            var length = 0;
            foreach (var part in new[] { input, Sentinel })
            {
                for (var offset = 0; offset < part.Length;)
                {
                    var chunk = Math.Min(random.Next(1, 40), part.Length - offset);
                    part.AsSpan(offset, chunk).CopyTo(buffer.AsSpan(length));
                    length += chunk;
                    offset += chunk;
                    while (true)
                    {
                        var result = decoder.Decode(buffer.AsSpan(0, length), out var consumed);
                        buffer.AsSpan(consumed, length - consumed).CopyTo(buffer);
                        length -= consumed;
                        if (result.Status == MattressDecodeStatus.NeedMoreData)
                        {
                            break;
                        }

                        if (result.Status == MattressDecodeStatus.Rejected)
                        {
                            Assert.NotEqual(MattressRejectReason.None, result.Reason);
                            Assert.False(string.IsNullOrEmpty(result.Detail));
                            rejections[result.Reason] = rejections.GetValueOrDefault(result.Reason) + 1;
                        }
                        else
                        {
                            frames++;
                        }

                        last = result;
                    }
                }
            }

            Assert.Equal(MattressDecodeStatus.Frame, last.Status);
            Assert.Equal(1234567890, last.Frame.SensorTimeUnixSeconds);
            Assert.Equal(0, length);
        }

        Assert.True(frames >= 100_000);
        foreach (var reason in new[] { MattressRejectReason.Garbage, MattressRejectReason.Truncated, MattressRejectReason.Overlong, MattressRejectReason.Checksum, MattressRejectReason.Malformed })
        {
            Assert.True(rejections.GetValueOrDefault(reason) > 100, $"{reason}: {rejections.GetValueOrDefault(reason)}");
        }
    }

    private static byte[] Mutate(Random random, int i)
    {
        if (i % 10 == 0)
        {
            var noise = new byte[random.Next(1, 200)];
            random.NextBytes(noise);
            return noise;
        }

        var bytes = new List<byte>(Examples[random.Next(Examples.Length)]);
        var mutations = random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            var at = random.Next(bytes.Count);
            switch (random.Next(6))
            {
                case 0:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                case 2:
                    bytes.Insert(at, (byte)random.Next(256));
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4:
                    bytes.InsertRange(at, Enumerable.Repeat((byte)'9', random.Next(60, 120)));
                    break;
                default:
                    bytes.Insert(at, (byte)"$*,\r\n"[random.Next(5)]);
                    break;
            }

            if (bytes.Count == 0)
            {
                bytes.Add((byte)'$');
            }
        }

        return [.. bytes];
    }
}
