using EdgeGateway.Drivers.Epc;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// One-shot inventory for <c>edgegw diag llrp HOST[:PORT] [--seconds N]</c>: connects once (no retry, so
/// a technician sees the failure), runs the inventory for the given time, closes the connection properly,
/// and returns what was seen. Writes nothing to the console.
/// </summary>
public static class LlrpInventoryProbe
{
    /// <exception cref="LlrpException">The reader could not be reached, refused the connection, or failed the set-up; the message says which.</exception>
    public static async Task<LlrpInventoryResult> RunAsync(LlrpReaderOptions options, TimeSpan duration, TimeProvider timeProvider, ILogger? logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var seen = new Dictionary<(string Epc, ushort? Antenna), LlrpInventoryEntry>();
        await using var session = new LlrpClientSession(options, "diag", null, null, logger ?? NullLogger.Instance, timeProvider);
        session.OnTag = tag =>
        {
            var epc = EpcDecoder.Decode(tag.Epc.Span, tag.EpcBitLength);
            var count = tag.TagSeenCount ?? 1;
            var key = (epc.Hex, tag.AntennaId);
            seen[key] = seen.TryGetValue(key, out var entry)
                ? entry with { Count = entry.Count + count, PeakRssiDbm = Max(entry.PeakRssiDbm, tag.PeakRssiDbm) }
                : new LlrpInventoryEntry(epc.Hex, epc.SchemeName, epc.Sgtin?.Gtin, epc.Sgtin?.Serial, tag.AntennaId, tag.PeakRssiDbm, count);
            return ValueTask.CompletedTask;
        };

        await session.ConnectAsync(cancellationToken);
        await session.StartInventoryAsync(cancellationToken);
        using (var window = new CancellationTokenSource(duration, timeProvider))
        using (var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, window.Token))
        {
            try
            {
                await session.PumpAsync(linked.Token);
            }
            catch (OperationCanceledException) when (window.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                // The inventory window ended.
            }
        }

        await session.CloseAsync();
        var tags = seen.Values
            .OrderByDescending(e => e.PeakRssiDbm ?? sbyte.MinValue)
            .ThenBy(e => e.Epc, StringComparer.Ordinal)
            .ToList();
        return new LlrpInventoryResult(session.Capabilities, tags);
    }

    private static sbyte? Max(sbyte? a, sbyte? b) => a is null ? b : b is null ? a : Math.Max(a.Value, b.Value);
}
