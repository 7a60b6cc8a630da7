using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>The embedded MQTT broker for ward displays and MQTT call buttons (design.md §4.3).</summary>
public sealed class LocalBrokerOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Address to listen on; loopback unless ward displays connect over the LAN.</summary>
    [IpAddress]
    public string BindAddress { get; set; } = "127.0.0.1";

    [Range(0, 65535, ErrorMessage = "must be 0..65535")]
    public int Port { get; set; } = 1883;
}
