using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>The host's own meter factory, so tests count through the same instruments the daemon uses.</summary>
public static class TestMeters
{
    public static IMeterFactory Create() =>
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
}
