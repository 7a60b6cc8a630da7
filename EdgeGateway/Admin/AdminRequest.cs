using System.Text.Json;

namespace EdgeGateway.Admin;

/// <summary>
/// One line from the CLI: <c>{"command":"status"}</c>; commands that carry data (<c>catalog.import</c>)
/// put it in <paramref name="Payload"/>.
/// </summary>
public sealed record AdminRequest(string Command, IReadOnlyDictionary<string, string>? Arguments = null, JsonElement? Payload = null);
