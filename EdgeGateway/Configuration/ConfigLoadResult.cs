namespace EdgeGateway.Configuration;

/// <summary>The outcome of loading a configuration file: the options, or every error found.</summary>
public sealed record ConfigLoadResult(GatewayOptions? Options, IReadOnlyList<ConfigError> Errors)
{
    public bool IsValid => Errors.Count == 0 && Options is not null;
}
