namespace EdgeGateway.Cloud;

/// <summary>
/// The cloud explicitly refused one message (an MQTT 5 PUBACK reason code such as not authorised or payload
/// format invalid, or a payload over the sink's size limit): sending it again as it is will not help, so
/// after <see cref="ForwarderSettings.MaxRefusals"/> refusals it goes to the dead-letter table.
/// </summary>
public sealed class CloudRefusedException : Exception
{
    public CloudRefusedException()
    {
    }

    public CloudRefusedException(string message)
        : base(message)
    {
    }

    public CloudRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
