namespace EdgeGateway.Configuration;

public enum CloudKind
{
    /// <summary>Keep everything in the outbox (an isolated ward, or commissioning).</summary>
    None,

    /// <summary>Any MQTT 3.1.1 or 5 broker.</summary>
    Mqtt,

    /// <summary>Azure IoT Hub over its MQTT device protocol.</summary>
    IotHub,
}
