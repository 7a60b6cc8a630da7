using System.Text.Json;

namespace EdgeGateway.Admin;

/// <summary>
/// One line from the CLI: <c>{"command":"status"}</c>; commands that carry data (<c>catalog.import</c>)
/// put it in <paramref name="Payload"/>. <paramref name="Caller"/> is set by the daemon from the peer's
/// credentials (who acknowledged an alarm), never taken from the client.
/// </summary>
public sealed record AdminRequest(string Command, IReadOnlyDictionary<string, string>? Arguments = null, JsonElement? Payload = null, string? Caller = null);
