using EdgeGateway.Outbox;

namespace EdgeGateway.Cloud;

/// <summary>The cloud end of the forwarder: one connection, QoS 1 publishes acknowledged by the broker.</summary>
public interface ICloudSink : IAsyncDisposable
{
    /// <summary>Where it delivers, for logs and status (never with credentials).</summary>
    string Endpoint { get; }

    bool IsConnected { get; }

    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>Completes when the broker acknowledged the message (PUBACK); throws when it did not.</summary>
    Task PublishAsync(OutboxRecord record, CancellationToken cancellationToken);

    Task DisconnectAsync(CancellationToken cancellationToken);
}
