using System.Text;
using EdgeGateway.Drivers.Mattress;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>The example frames of docs/protocols/mattress.md §5, byte for byte, and a helper that feeds a decoder.</summary>
internal static class MattressFrames
{
    public static readonly byte[] AtRest = Ascii("$BCG,1700000000,62,14,78,45,1650,1,968,972,955*4E\r\n");
    public static readonly byte[] BedEmpty = Ascii("$BCG,1700000001,0,0,0,0,0,0,0,0,0*71\r\n");
    public static readonly byte[] Apnea = Ascii("$BCG,1700000002,64,0,75,40,1580,1,938,945,951*7C\r\n");
    public static readonly byte[] Moving = Ascii("$BCG,1700000003,0,0,0,0,2900,2,0,0,0*4A\r\n");
    public static readonly byte[] WeakSignal = Ascii("$BCG,1700000004,0,0,0,0,35,3,0,0,0*41\r\n");
    public static readonly byte[] Tachycardia = Ascii("$BCG,1700000005,142,22,61,12,1710,1,423,419,425*7A\r\n");

    public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

    public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

    /// <summary>Feeds <paramref name="input"/> in pieces of <paramref name="chunk"/> bytes, as a serial read loop does, and collects every result but NeedMoreData.</summary>
    public static List<MattressDecodeResult> DecodeAll(byte[] input, int chunk = int.MaxValue, MattressFrameDecoder? decoder = null)
    {
        decoder ??= new MattressFrameDecoder();
        var results = new List<MattressDecodeResult>();
        var pending = new List<byte>();
        for (var offset = 0; offset < input.Length; offset += chunk)
        {
            pending.AddRange(input.AsSpan(offset, Math.Min(chunk, input.Length - offset)).ToArray());
            while (true)
            {
                var span = pending.ToArray();
                var result = decoder.Decode(span, out var consumed);
                pending.RemoveRange(0, consumed);
                if (result.Status == MattressDecodeStatus.NeedMoreData)
                {
                    break;
                }

                results.Add(result);
            }
        }

        return results;
    }
}
