using System.Text.Json;

namespace EdgeGateway.Admin;

/// <summary>One answer line of the admin socket: <c>{"ok":true,"result":…}</c> or <c>{"ok":false,"error":"…"}</c>.</summary>
public sealed record AdminResponse(bool Ok, JsonElement? Result = null, string? Error = null);
