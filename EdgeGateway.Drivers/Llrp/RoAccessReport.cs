namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// RO_ACCESS_REPORT (type 61). Holds the message body once (one allocation per report, none per tag);
/// <see cref="Tags"/> decodes each TagReportData from it.
/// </summary>
public sealed record RoAccessReport(uint MessageId, ReadOnlyMemory<byte> Body, int TagCount) : LlrpMessage(MessageId)
{
    public override LlrpMessageType Type => LlrpMessageType.RoAccessReport;

    public TagReportDataCollection Tags => new(Body);
}
