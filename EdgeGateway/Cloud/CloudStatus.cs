namespace EdgeGateway.Cloud;

/// <summary>The uplink as <c>edgegw status</c> shows it; updated by the forwarder.</summary>
public sealed class CloudStatus
{
    private readonly Lock _gate = new();
    private string _endpoint = "none";
    private bool _connected;
    private string? _lastError;
    private DateTimeOffset? _lastDelivery;
    private long _delivered;
    private double? _lagSeconds;
    private long _refusals;
    private long _deadLettered;
    private string? _lastRefusal;

    /// <summary>Observation to acknowledgement of the last message delivered, in seconds (the delivery lag gauge).</summary>
    public double? LagSeconds
    {
        get
        {
            lock (_gate)
            {
                return _lagSeconds;
            }
        }
    }

    public CloudStatusSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new CloudStatusSnapshot(_endpoint, _connected, _lastError, _lastDelivery, _delivered, _lagSeconds, _refusals, _deadLettered, _lastRefusal);
        }
    }

    internal void Configure(string endpoint)
    {
        lock (_gate)
        {
            _endpoint = endpoint;
        }
    }

    internal void Connected()
    {
        lock (_gate)
        {
            _connected = true;
            _lastError = null;
        }
    }

    internal void Failed(string error)
    {
        lock (_gate)
        {
            _connected = false;
            _lastError = error;
        }
    }

    internal void Refused(string reason)
    {
        lock (_gate)
        {
            _refusals++;
            _lastRefusal = reason;
        }
    }

    internal void DeadLettered()
    {
        lock (_gate)
        {
            _deadLettered++;
        }
    }

    internal void Delivered(int count, DateTimeOffset now, double lagSeconds)
    {
        lock (_gate)
        {
            _delivered += count;
            _lastDelivery = now;
            _lagSeconds = lagSeconds;
        }
    }
}
