using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Outbox;

/// <summary>Opens the outbox before anything produces into it, and flushes it last on shutdown.</summary>
public sealed class OutboxHostedService(OutboxStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => store.StartAsync(cancellationToken);

    public async Task StopAsync(CancellationToken cancellationToken) => await store.DisposeAsync();
}
