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

    public CloudStatusSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new CloudStatusSnapshot(_endpoint, _connected, _lastError, _lastDelivery, _delivered);
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

    internal void Delivered(int count, DateTimeOffset now)
    {
        lock (_gate)
        {
            _delivered += count;
            _lastDelivery = now;
        }
    }
}
