using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace EdgeGateway.Drivers.Llrp;

/// <summary>LLRP-specific counters, beside the shared <see cref="DriverMetrics"/> (frames, bad frames, reconnects).</summary>
public sealed class LlrpMetrics
{
    private readonly Counter<long> _tags;
    private readonly Counter<long> _statusErrors;
    private readonly Counter<long> _refusals;
    private readonly Counter<long> _keepaliveTimeouts;

    public LlrpMetrics(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        var meter = meterFactory.Create(DriverMetrics.MeterName);
        _tags = meter.CreateCounter<long>("edgegw.llrp.tags", "{tag}", "Tag observations decoded from RO_ACCESS_REPORTs");
        _statusErrors = meter.CreateCounter<long>("edgegw.llrp.status_errors", "{message}", "ERROR_MESSAGEs and non-success LLRPStatus, by status name and message");
        _refusals = meter.CreateCounter<long>("edgegw.llrp.connection_refusals", "{connection}", "Connections the reader refused, by ConnectionAttemptEvent status");
        _keepaliveTimeouts = meter.CreateCounter<long>("edgegw.llrp.keepalive_timeouts", "{timeout}", "Connections dropped because KEEPALIVEs stopped");
    }

    public void TagsDecoded(string deviceId, int count) => _tags.Add(count, new KeyValuePair<string, object?>("device", deviceId));

    public void StatusError(string deviceId, LlrpMessageType message, LlrpStatusCode status)
    {
        var tags = new TagList { { "device", deviceId }, { "message", LlrpNames.Of(message) }, { "status", LlrpNames.Of(status) } };
        _statusErrors.Add(1, tags);
    }

    public void ConnectionRefused(string deviceId, ConnectionAttemptStatus status)
    {
        var tags = new TagList { { "device", deviceId }, { "status", LlrpNames.Of(status) } };
        _refusals.Add(1, tags);
    }

    public void KeepaliveTimeout(string deviceId) => _keepaliveTimeouts.Add(1, new KeyValuePair<string, object?>("device", deviceId));
}
