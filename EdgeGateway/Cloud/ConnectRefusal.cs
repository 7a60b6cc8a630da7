using MQTTnet;

namespace EdgeGateway.Cloud;

/// <summary>
/// Turns a refused CONNACK into an error a technician can act on, and into a wait: a busy or throttling
/// server (IoT Hub answers a throttled device with "server unavailable") is left alone for a while rather
/// than hammered (MQTT 3.1.1 §3.2.2.3, MQTT 5 §3.2.2.2).
/// </summary>
internal static class ConnectRefusal
{
    public static readonly TimeSpan BusyBackoff = TimeSpan.FromSeconds(30);

    public static CloudUnavailableException Describe(MqttClientConnectResultCode code, string? reasonString, string endpoint)
    {
        var said = string.IsNullOrEmpty(reasonString) ? "" : $" ({reasonString})";
        return code switch
        {
            MqttClientConnectResultCode.BadUserNameOrPassword or MqttClientConnectResultCode.NotAuthorized or MqttClientConnectResultCode.BadAuthenticationMethod =>
                new CloudUnavailableException($"{endpoint} refused the credentials: {code}{said}; check the username, password file, SAS key or client certificate"),
            MqttClientConnectResultCode.ClientIdentifierNotValid =>
                new CloudUnavailableException($"{endpoint} refused the client id: {code}{said}"),
            MqttClientConnectResultCode.ServerUnavailable or MqttClientConnectResultCode.ServerBusy or MqttClientConnectResultCode.QuotaExceeded or MqttClientConnectResultCode.ConnectionRateExceeded =>
                new CloudUnavailableException($"{endpoint} is busy or throttling: {code}{said}; waiting at least {BusyBackoff.TotalSeconds:0} s", BusyBackoff),
            _ => new CloudUnavailableException($"{endpoint} refused the connection: {code}{said}"),
        };
    }
}
