using EdgeGateway.Outbox;

namespace EdgeGateway.Cloud;

/// <summary>The cloud end of the forwarder: one connection, QoS 1 publishes acknowledged by the broker.</summary>
public interface ICloudSink : IAsyncDisposable
{
    /// <summary>Where it delivers, for logs and status (never with credentials).</summary>
    string Endpoint { get; }

    bool IsConnected { get; }

    /// <summary>
    /// True when the connection's credentials (an IoT Hub SAS token) are about to expire: the forwarder lets
    /// the in-flight publishes finish, then reconnects, which makes new credentials.
    /// </summary>
    bool CredentialsNeedRenewal { get; }

    /// <summary>Connects; throws <see cref="CloudUnavailableException"/> with a reason a technician can act on.</summary>
    Task ConnectAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Completes when the broker acknowledged the message (PUBACK). Throws <see cref="CloudRefusedException"/>
    /// when the cloud refused this message, anything else when the connection failed.
    /// </summary>
    Task PublishAsync(OutboxRecord record, CancellationToken cancellationToken);

    Task DisconnectAsync(CancellationToken cancellationToken);
}
