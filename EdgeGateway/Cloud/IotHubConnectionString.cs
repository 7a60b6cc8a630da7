namespace EdgeGateway.Cloud;

/// <summary>A device connection string as the hub shows it: <c>HostName=…;DeviceId=…;SharedAccessKey=…</c>.</summary>
public sealed record IotHubConnectionString(string HostName, string DeviceId, string SharedAccessKey)
{
    /// <summary>Parses it; the error never repeats the key.</summary>
    public static IotHubConnectionString Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var part in text.Trim().Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new FormatException("the IoT Hub connection string is not a list of name=value pairs separated by ';'");
            }

            parts[part[..equals]] = part[(equals + 1)..];
        }

        string Required(string name) => parts.TryGetValue(name, out var value) && value.Length > 0
            ? value
            : throw new FormatException($"the IoT Hub connection string has no {name}");

        return new IotHubConnectionString(Required("HostName"), Required("DeviceId"), Required("SharedAccessKey"));
    }
}
