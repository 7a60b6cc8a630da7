namespace EdgeGateway.Drivers.Llrp;

/// <summary>READER_EVENT_NOTIFICATION (type 63).</summary>
public sealed record ReaderEventNotification(uint MessageId, ReaderEventNotificationData Data) : LlrpMessage(MessageId)
{
    public override LlrpMessageType Type => LlrpMessageType.ReaderEventNotification;
}
