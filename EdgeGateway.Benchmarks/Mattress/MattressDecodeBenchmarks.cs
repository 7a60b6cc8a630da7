using BenchmarkDotNet.Attributes;
using EdgeGateway.Drivers.Mattress;

namespace EdgeGateway.Benchmarks.Mattress;

/// <summary>Mattress frame decode rate and allocations (target: zero per frame); 100 frames per operation.</summary>
[MemoryDiagnoser]
public class MattressDecodeBenchmarks
{
    private const int FramesPerOperation = 100;
    private byte[] _stream = [];
    private byte[] _streamWithNoise = [];
    private readonly MattressFrameDecoder _decoder = new();

    [GlobalSetup]
    public void Setup()
    {
        var frames = new List<byte>();
        var noisy = new List<byte>();
        for (var i = 0; i < FramesPerOperation; i++)
        {
            var frame = MattressFrameEncoder.Encode(new MattressFrame(1700000000 + i, 60 + (i % 10), 14, 78, 45, 1650, BedStatus.AtRest, 968, 972, 955));
            frames.AddRange(frame);
            noisy.AddRange("~~"u8.ToArray());
            noisy.AddRange(frame);
        }

        _stream = [.. frames];
        _streamWithNoise = [.. noisy];
    }

    [Benchmark(OperationsPerInvoke = FramesPerOperation)]
    public int DecodeFrames() => DecodeAll(_stream);

    [Benchmark(OperationsPerInvoke = FramesPerOperation)]
    public int DecodeFramesWithGarbageBetween() => DecodeAll(_streamWithNoise);

    private int DecodeAll(byte[] stream)
    {
        var span = stream.AsSpan();
        var heartBeats = 0;
        while (true)
        {
            var result = _decoder.Decode(span, out var consumed);
            span = span[consumed..];
            if (result.Status == MattressDecodeStatus.NeedMoreData)
            {
                return heartBeats;
            }

            heartBeats += result.Frame.HeartRateBpm;
        }
    }
}
