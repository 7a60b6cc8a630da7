namespace EdgeGateway.Cloud;

/// <summary>A direct method's error answer (400, 404): <c>{"error":"…"}</c>.</summary>
public sealed record MethodError(string Error);
