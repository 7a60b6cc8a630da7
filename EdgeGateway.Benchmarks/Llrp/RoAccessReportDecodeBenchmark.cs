using BenchmarkDotNet.Attributes;
using EdgeGateway.Drivers.Epc;
using EdgeGateway.Drivers.Llrp;

namespace EdgeGateway.Benchmarks.Llrp;

/// <summary>
/// RO_ACCESS_REPORT decode rate. Each operation is one tag (OperationsPerInvoke = tags per report), so
/// BenchmarkDotNet's ops/s is tags/s and "Allocated" is bytes per tag: the report body is copied once
/// per report, nothing per tag in <see cref="DecodeTags"/>; <see cref="DecodeTagsToReadings"/> adds the
/// reading itself (record, hex, GTIN and serial strings).
/// </summary>
[MemoryDiagnoser]
public class RoAccessReportDecodeBenchmark
{
    private const int TagsPerReport = 100;
    private byte[] _report = [];

    [GlobalSetup]
    public void Setup()
    {
        var tags = new List<TagReportData>(TagsPerReport);
        for (var i = 0; i < TagsPerReport; i++)
        {
            tags.Add(new TagReportData
            {
                Epc = Sgtin96Encoder.Encode("80614141123458", 7, (ulong)(1000 + i)),
                EpcBitLength = 96,
                RoSpecId = 1,
                AntennaId = (ushort)(1 + (i % 4)),
                PeakRssiDbm = -55,
                FirstSeenUtcMicroseconds = 1_700_000_000_000_000,
                LastSeenUtcMicroseconds = 1_700_000_000_500_000,
                TagSeenCount = 2,
            });
        }

        _report = LlrpReaderMessages.RoAccessReport(1, tags);
    }

    [Benchmark(OperationsPerInvoke = TagsPerReport)]
    public int DecodeTags()
    {
        LlrpMessageDecoder.Decode(_report, out var message);
        var antennas = 0;
        foreach (var tag in ((RoAccessReport)message!).Tags)
        {
            antennas += tag.AntennaId ?? 0;
        }

        return antennas;
    }

    [Benchmark(OperationsPerInvoke = TagsPerReport)]
    public int DecodeTagsToReadings()
    {
        LlrpMessageDecoder.Decode(_report, out var message);
        var serials = 0;
        foreach (var tag in ((RoAccessReport)message!).Tags)
        {
            serials += TagReading.From("bench", tag, DateTimeOffset.UnixEpoch).Epc.Sgtin!.Serial.Length;
        }

        return serials;
    }
}
