namespace EdgeGateway.Admin;

/// <summary>One line from the CLI: <c>{"command":"status"}</c>.</summary>
public sealed record AdminRequest(string Command, IReadOnlyDictionary<string, string>? Arguments = null);
