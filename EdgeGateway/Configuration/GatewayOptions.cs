using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>The root of /etc/edgegw/edgegw.json (docs/configuration.md documents every key).</summary>
public sealed class GatewayOptions
{
    [Required(ErrorMessage = "is required")]
    public GatewaySection Gateway { get; set; } = new();

    public OutboxOptions Outbox { get; set; } = new();

    public AdminOptions Admin { get; set; } = new();

    public MetricsOptions Metrics { get; set; } = new();

    public LocalBrokerOptions LocalBroker { get; set; } = new();

    public CloudOptions Cloud { get; set; } = new();

    public AlarmOptions Alarms { get; set; } = new();

    public List<DeviceOptions> Devices { get; set; } = [];
}
