using System.ComponentModel.DataAnnotations;

namespace EdgeGateway.Configuration;

/// <summary>Prometheus text exposition on loopback.</summary>
public sealed class MetricsOptions
{
    public bool Enabled { get; set; } = true;

    /// <summary>Loopback TCP port for GET /metrics; 0 picks a free port (tests, demo).</summary>
    [Range(0, 65535, ErrorMessage = "must be 0..65535")]
    public int Port { get; set; } = 9464;
}
