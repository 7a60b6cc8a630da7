using System.Globalization;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// What the cloud received, set against what the outbox committed. <c>seq</c> is given in commit order and
/// persisted (docs/telemetry.md), so the outbox committed exactly 1..<see cref="MaxSeq"/>: a seq in that
/// range the cloud never received is lost (or evicted, when the quota or the time-to-live dropped it). Also
/// checked: every duplicate carries the same id and the same payload as the first delivery, every id is
/// <c>{gatewayId}:{seq}</c>, and each forwarder lane (readings; alarms with device status) delivered its
/// messages in seq order the first time they arrived.
/// </summary>
public sealed class EndToEndDeliveryAudit
{
    public EndToEndDeliveryAudit(IReadOnlyList<EndToEndCloudMessage> messages, long maxSeq, string gatewayId)
    {
        ArgumentNullException.ThrowIfNull(messages);
        MaxSeq = maxSeq;
        Deliveries = messages.Count;
        var first = new Dictionary<long, EndToEndCloudMessage>();
        var duplicateMismatches = new List<string>();
        var lastFirstSeq = new Dictionary<bool, long>();
        var orderViolations = new List<string>();
        foreach (var message in messages)
        {
            if (first.TryGetValue(message.Seq, out var earlier))
            {
                if (earlier.Id != message.Id || earlier.Payload != message.Payload)
                {
                    duplicateMismatches.Add($"seq {message.Seq}: first {earlier.Id} {earlier.Payload}, again {message.Id} {message.Payload}");
                }

                continue;
            }

            first.Add(message.Seq, message);
            if (lastFirstSeq.TryGetValue(message.Urgent, out var previous) && message.Seq < previous)
            {
                orderViolations.Add($"{(message.Urgent ? "urgent" : "readings")} lane: seq {message.Seq} first arrived after seq {previous}");
            }

            lastFirstSeq[message.Urgent] = Math.Max(previous, message.Seq);
        }

        FirstDeliveries = [.. first.Values.OrderBy(m => m.Arrival)];
        Missing = [.. LongRange(1, maxSeq).Where(seq => !first.ContainsKey(seq))];
        Unexpected = [.. first.Keys.Where(seq => seq < 1 || seq > maxSeq).Order()];
        DuplicateMismatches = duplicateMismatches;
        WrongIds = [.. first.Values.Where(m => m.Id != string.Create(CultureInfo.InvariantCulture, $"{gatewayId}:{m.Seq}")).Select(m => $"seq {m.Seq} has id {m.Id}")];
        OrderViolations = orderViolations;
    }

    public long MaxSeq { get; }

    /// <summary>Every delivery, duplicates included.</summary>
    public int Deliveries { get; }

    /// <summary>The first delivery of each seq, in arrival order.</summary>
    public IReadOnlyList<EndToEndCloudMessage> FirstDeliveries { get; }

    /// <summary>Seqs 1..MaxSeq the cloud never received.</summary>
    public IReadOnlyList<long> Missing { get; }

    /// <summary>Seqs received that the outbox had not committed when the audit was taken (must be none).</summary>
    public IReadOnlyList<long> Unexpected { get; }

    public IReadOnlyList<string> DuplicateMismatches { get; }

    public IReadOnlyList<string> WrongIds { get; }

    public IReadOnlyList<string> OrderViolations { get; }

    public int Duplicates => Deliveries - FirstDeliveries.Count;

    public int Readings => FirstDeliveries.Count(m => !m.Urgent);

    public int Alarms => FirstDeliveries.Count(m => m.Kind == "alarm");

    public int DeviceStatuses => FirstDeliveries.Count(m => m.Kind == "device");

    public string Summary() => string.Create(CultureInfo.InvariantCulture,
        $"committed seq 1..{MaxSeq}; received {FirstDeliveries.Count} distinct ({Readings} readings, {Alarms} alarms, {DeviceStatuses} device status) in {Deliveries} deliveries ({Duplicates} duplicates); missing {Missing.Count}{(Missing.Count > 0 ? $" (first {string.Join(", ", Missing.Take(10))})" : "")}; unexpected {Unexpected.Count}; duplicate mismatches {DuplicateMismatches.Count}; wrong ids {WrongIds.Count}; order violations {OrderViolations.Count}");

    private static IEnumerable<long> LongRange(long from, long to)
    {
        for (var seq = from; seq <= to; seq++)
        {
            yield return seq;
        }
    }
}
