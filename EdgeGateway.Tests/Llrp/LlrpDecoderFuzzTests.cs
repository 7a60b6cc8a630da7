using System.Buffers;
using System.Buffers.Binary;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Llrp;

public sealed class LlrpDecoderFuzzTests
{
    private const int Iterations = 100_000;

    [Fact]
    public void Hundred_thousand_random_and_mutated_messages_never_throw_and_every_outcome_is_counted()
    {
        byte[][] seeds =
        [
            File.ReadAllBytes(LlrpVectors.CapturePath),
            LlrpVectors.ThreeTagReport,
            LlrpVectors.TwoTagReport,
            LlrpVectors.Keepalive,
            LlrpVectors.ConnectionAttemptRefused,
            LlrpVectors.ErrorMessage,
            LlrpVectors.AddRoSpec,
            LlrpClientMessages.SetReaderConfig(6, 10_000),
        ];
        var random = new Random(20250301);
        using var meters = new RecordingMeterFactory();
        var decoder = new LlrpInboundDecoder("fuzz", new DriverMetrics(meters), maxMessageLength: 8192);
        long attempts = 0, accepted = 0, tags = 0;

        for (var i = 0; i < Iterations; i++)
        {
            var input = Mutate(seeds[random.Next(seeds.Length)], random);
            var buffer = random.Next(4) == 0 ? Split(input, random.Next(input.Length + 1)) : new ReadOnlySequence<byte>(input);
            while (true)
            {
                var status = decoder.TryDecode(ref buffer, out var message, out _);
                if (status == LlrpFrameStatus.NeedMoreData)
                {
                    attempts += decoder.EndOfStream(buffer) ? 1 : 0;
                    break;
                }

                attempts++;
                if (status == LlrpFrameStatus.Rejected)
                {
                    break;
                }

                if (message is not null)
                {
                    accepted++;
                    if (message is RoAccessReport report)
                    {
                        // Enumeration of an accepted report must not fail either, and must yield what decoding counted.
                        var enumerated = report.Tags.Count();
                        Assert.Equal(report.TagCount, enumerated);
                        tags += enumerated;
                    }
                }
            }
        }

        var decoded = meters.Total("edgegw.driver.frames");
        var rejected = meters.Total("edgegw.driver.bad_frames");
        Assert.Equal(accepted, decoded);
        Assert.Equal(attempts, decoded + rejected);
        Assert.True(attempts >= Iterations);
        // The mutations reach every rejection path, and plenty of inputs still decode.
        foreach (var reason in new[] { "length", "version", "overrun", "malformed", "truncated" })
        {
            Assert.True(meters.Total("edgegw.driver.bad_frames", ("reason", reason)) > 100, reason);
        }

        Assert.True(decoded > Iterations / 10);
        Assert.True(tags > 1000);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = (byte[])seed.Clone();
        switch (random.Next(7))
        {
            case 0:
                for (var n = random.Next(1, 5); n > 0; n--)
                {
                    bytes[random.Next(bytes.Length)] ^= (byte)random.Next(1, 256);
                }

                return bytes;
            case 1:
                return bytes[..random.Next(bytes.Length)];
            case 2:
                // The message length: off by a little, or anything at all.
                var length = random.Next(2) == 0 ? (uint)(bytes.Length + random.Next(-12, 13)) : (uint)random.Next();
                BinaryPrimitives.WriteUInt32BigEndian(bytes.AsSpan(2), length);
                return bytes;
            case 3:
                // A 16-bit field somewhere in the body (often a parameter length) gets a random value.
                if (bytes.Length > 12)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(random.Next(10, bytes.Length - 1)), (ushort)random.Next(65536));
                }

                return bytes;
            case 4:
                // Random body behind a valid header.
                var body = new byte[random.Next(0, 200)];
                random.NextBytes(body);
                var framed = new byte[10 + body.Length];
                BinaryPrimitives.WriteUInt16BigEndian(framed, (ushort)(0x0400 | random.Next(1024)));
                BinaryPrimitives.WriteUInt32BigEndian(framed.AsSpan(2), (uint)framed.Length);
                body.CopyTo(framed, 10);
                return framed;
            case 5:
                var noise = new byte[random.Next(0, 64)];
                random.NextBytes(noise);
                return noise;
            default:
                // Two messages back to back, the second one damaged.
                var second = (byte[])seed.Clone();
                second[random.Next(second.Length)] ^= 0xFF;
                return [.. bytes, .. second];
        }
    }

    private static ReadOnlySequence<byte> Split(byte[] bytes, int at)
    {
        var first = new Segment(bytes.AsMemory(0, at), 0);
        var last = first.Append(bytes.AsMemory(at));
        return new ReadOnlySequence<byte>(first, 0, last, last.Memory.Length);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, long runningIndex)
        {
            Memory = memory;
            RunningIndex = runningIndex;
        }

        public Segment Append(ReadOnlyMemory<byte> memory)
        {
            var next = new Segment(memory, RunningIndex + Memory.Length);
            Next = next;
            return next;
        }
    }
}
