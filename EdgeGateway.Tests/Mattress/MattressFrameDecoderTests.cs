using System.Buffers;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Mattress;

public sealed class MattressFrameDecoderTests
{
    [Fact]
    public void The_at_rest_example_decodes_every_field_exactly()
    {
        var result = Single(MattressFrames.AtRest);

        Assert.Equal(MattressDecodeStatus.Frame, result.Status);
        Assert.Equal(
            new MattressFrame(1700000000, 62, 14, 78, 45, 1650, BedStatus.AtRest, 968, 972, 955),
            result.Frame);
    }

    [Fact]
    public void Every_example_of_the_protocol_document_decodes_to_its_documented_fields()
    {
        var results = MattressFrames.DecodeAll(MattressFrames.Concat(
            MattressFrames.BedEmpty, MattressFrames.Apnea, MattressFrames.Moving, MattressFrames.WeakSignal, MattressFrames.Tachycardia));

        Assert.Equal(
            [
                new MattressFrame(1700000001, 0, 0, 0, 0, 0, BedStatus.Empty, 0, 0, 0),
                new MattressFrame(1700000002, 64, 0, 75, 40, 1580, BedStatus.AtRest, 938, 945, 951),
                new MattressFrame(1700000003, 0, 0, 0, 0, 2900, BedStatus.Moving, 0, 0, 0),
                new MattressFrame(1700000004, 0, 0, 0, 0, 35, BedStatus.WeakSignal, 0, 0, 0),
                new MattressFrame(1700000005, 142, 22, 61, 12, 1710, BedStatus.AtRest, 423, 419, 425),
            ],
            results.Select(r => r.Frame));
        Assert.All(results, r => Assert.Equal(MattressDecodeStatus.Frame, r.Status));
    }

    [Fact]
    public void A_lower_case_checksum_is_accepted()
    {
        var result = Single(MattressFrames.Ascii("$BCG,1700000000,62,14,78,45,1650,1,968,972,955*4e\r\n"));

        Assert.Equal(MattressDecodeStatus.Frame, result.Status);
    }

    [Fact]
    public void A_frame_consumes_exactly_its_own_bytes()
    {
        var decoder = new MattressFrameDecoder();
        var input = MattressFrames.Concat(MattressFrames.AtRest, MattressFrames.BedEmpty);

        decoder.Decode(input, out var consumed);

        Assert.Equal(MattressFrames.AtRest.Length, consumed);
    }

    [Fact]
    public void Garbage_before_a_frame_is_rejected_once_and_the_frame_is_decoded()
    {
        var results = MattressFrames.DecodeAll(MattressFrames.Concat(MattressFrames.Ascii("\x01\xFFnoise*7\r\n"), MattressFrames.AtRest));

        Assert.Collection(
            results,
            r => AssertRejected(r, MattressRejectReason.Garbage),
            r => Assert.Equal(1700000000, r.Frame.SensorTimeUnixSeconds));
    }

    [Fact]
    public void A_garbage_run_split_across_reads_is_rejected_once()
    {
        var results = MattressFrames.DecodeAll(
            MattressFrames.Concat(MattressFrames.Ascii("line noise at the wrong baud rate"), MattressFrames.AtRest),
            chunk: 4);

        Assert.Collection(
            results,
            r => AssertRejected(r, MattressRejectReason.Garbage),
            r => Assert.Equal(MattressDecodeStatus.Frame, r.Status));
    }

    [Fact]
    public void A_frame_cut_short_by_a_new_start_marker_is_rejected_as_truncated_and_the_next_frame_decoded()
    {
        var results = MattressFrames.DecodeAll(MattressFrames.Concat(MattressFrames.AtRest.AsSpan(0, 20).ToArray(), MattressFrames.Tachycardia));

        Assert.Collection(
            results,
            r => AssertRejected(r, MattressRejectReason.Truncated),
            r => Assert.Equal(142, r.Frame.HeartRateBpm));
    }

    [Fact]
    public void A_checksum_error_is_rejected_and_the_next_frame_decoded()
    {
        var corrupted = (byte[])MattressFrames.AtRest.Clone();
        corrupted[17] = (byte)'7'; // HR 62 -> 72: one bit of line noise in the payload

        var results = MattressFrames.DecodeAll(MattressFrames.Concat(corrupted, MattressFrames.Apnea));

        Assert.Collection(
            results,
            r => AssertRejected(r, MattressRejectReason.Checksum),
            r => Assert.Equal(0, r.Frame.RespirationRateBrpm));
    }

    [Fact]
    public void An_overlong_line_is_rejected_once_and_the_next_frame_decoded()
    {
        var overlong = MattressFrames.Ascii("$BCG," + new string('9', 200) + "\r\n");

        var results = MattressFrames.DecodeAll(MattressFrames.Concat(overlong, MattressFrames.Moving), chunk: 7);

        Assert.Collection(
            results,
            r => AssertRejected(r, MattressRejectReason.Overlong),
            r => Assert.Equal(BedStatus.Moving, r.Frame.Status));
    }

    [Fact]
    public void The_longest_frame_the_grammar_allows_decodes()
    {
        var frame = new MattressFrame(9999999999, 99999, 99999, 99999, 99999, 99999, BedStatus.AtRest, 99999, 99999, 99999);
        var bytes = MattressFrameEncoder.Encode(frame);

        Assert.Equal(70, bytes.Length);
        Assert.Equal(frame, Single(bytes).Frame);
    }

    [Fact]
    public void A_line_of_82_bytes_is_judged_on_its_content_and_one_of_83_is_overlong()
    {
        var line82 = MattressFrames.Ascii("$" + new string('X', 79) + "\r\n");
        var line83 = MattressFrames.Ascii("$" + new string('X', 80) + "\r\n");

        AssertRejected(Single(line82), MattressRejectReason.Malformed);
        Assert.Collection(MattressFrames.DecodeAll(line83), r => AssertRejected(r, MattressRejectReason.Overlong));
    }

    [Theory]
    [InlineData("$BCG,1700000000,62,14,78,45,1650,1,968,972,955*4E\n", "line feed without carriage return")]
    [InlineData("$BCG,1700000000,62,14,78,45,1650,1,968,972,955\r\n", "no *HH checksum at the line end")]
    [InlineData("$BCG,1700000000,62,14,78,45,1650,1,968,972,955*G1\r\n", "checksum is not two hex digits")]
    public void A_line_breaking_the_frame_grammar_is_malformed(string line, string detail)
    {
        var result = Single(MattressFrames.Ascii(line));

        AssertRejected(result, MattressRejectReason.Malformed);
        Assert.Equal(detail, result.Detail);
    }

    [Theory]
    [InlineData("GPS,1700000000,62,14,78,45,1650,1,968,972,955", "sentence id is not BCG")]
    [InlineData("BCG,1700000000,62,14,78,45,1650,1,968,972", "fewer than 10 fields")]
    [InlineData("BCG,1700000000,62,14,78,45,1650,1,968,972,955,1", "more than 10 fields")]
    [InlineData("BCG,1700000000,,14,78,45,1650,1,968,972,955", "field empty or too long")]
    [InlineData("BCG,1700000000,123456,14,78,45,1650,1,968,972,955", "field empty or too long")]
    [InlineData("BCG,17000000000,62,14,78,45,1650,1,968,972,955", "field empty or too long")]
    [InlineData("BCG,1700000000,-62,14,78,45,1650,1,968,972,955", "field is not a decimal number")]
    [InlineData("BCG,1700000000,62,14,78,45,1650,4,968,972,955", "unknown status code")]
    public void A_payload_with_a_valid_checksum_but_bad_fields_is_malformed(string payload, string detail)
    {
        var result = Single(WithChecksum(payload));

        AssertRejected(result, MattressRejectReason.Malformed);
        Assert.Equal(detail, result.Detail);
    }

    [Fact]
    public void A_frame_arriving_one_byte_at_a_time_decodes_once_it_is_complete()
    {
        var results = MattressFrames.DecodeAll(MattressFrames.Concat(MattressFrames.AtRest, MattressFrames.Tachycardia), chunk: 1);

        Assert.Equal([1700000000L, 1700000005L], results.Select(r => r.Frame.SensorTimeUnixSeconds));
        Assert.All(results, r => Assert.Equal(MattressDecodeStatus.Frame, r.Status));
    }

    [Fact]
    public void A_partial_frame_needs_more_data_and_consumes_nothing()
    {
        var result = new MattressFrameDecoder().Decode(MattressFrames.AtRest.AsSpan(0, 30), out var consumed);

        Assert.Equal(MattressDecodeStatus.NeedMoreData, result.Status);
        Assert.Equal(0, consumed);
    }

    [Fact]
    public void A_multi_segment_sequence_decodes_frames_straddling_segments_and_reports_garbage()
    {
        var input = MattressFrames.Concat(MattressFrames.Ascii("xx"), MattressFrames.AtRest, MattressFrames.Tachycardia);
        var sequence = Segments(input, 9);
        var decoder = new MattressFrameDecoder();
        var results = new List<MattressDecodeResult>();

        while (true)
        {
            var result = decoder.Decode(sequence, out var consumed);
            sequence = sequence.Slice(consumed);
            if (result.Status == MattressDecodeStatus.NeedMoreData)
            {
                break;
            }

            results.Add(result);
        }

        Assert.Collection(
            results,
            r => AssertRejected(r, MattressRejectReason.Garbage),
            r => Assert.Equal(62, r.Frame.HeartRateBpm),
            r => Assert.Equal(142, r.Frame.HeartRateBpm));
        Assert.True(sequence.IsEmpty);
    }

    private static MattressDecodeResult Single(byte[] input)
    {
        var result = new MattressFrameDecoder().Decode(input, out var consumed);
        Assert.Equal(input.Length, consumed);
        return result;
    }

    private static byte[] WithChecksum(string payload)
    {
        var bytes = MattressFrames.Ascii(payload);
        byte sum = 0;
        foreach (var b in bytes)
        {
            sum ^= b;
        }

        return MattressFrames.Ascii($"${payload}*{sum:X2}\r\n");
    }

    private static void AssertRejected(MattressDecodeResult result, MattressRejectReason reason)
    {
        Assert.Equal(MattressDecodeStatus.Rejected, result.Status);
        Assert.Equal(reason, result.Reason);
    }

    private static ReadOnlySequence<byte> Segments(byte[] input, int size)
    {
        Segment? first = null;
        Segment? last = null;
        for (var offset = 0; offset < input.Length; offset += size)
        {
            var memory = input.AsMemory(offset, Math.Min(size, input.Length - offset));
            if (last is null)
            {
                first = last = new Segment(memory, 0);
            }
            else
            {
                last = last.Append(memory);
            }
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
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
