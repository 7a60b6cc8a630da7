namespace EdgeGateway.Outbox;

/// <summary>Telemetry <c>kind</c>; stored as its number, so the values never change.</summary>
public enum MessageKind
{
    Reading = 0,
    Alarm = 1,
    Device = 2,
}
