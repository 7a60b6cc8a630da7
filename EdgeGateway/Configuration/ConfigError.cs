namespace EdgeGateway.Configuration;

/// <summary>One problem in the configuration file, located by its JSON path (<c>devices[3].modbus.unitId</c>).</summary>
public sealed record ConfigError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
