namespace EdgeGateway.Cloud;

public sealed record CloudStatusSnapshot(string Endpoint, bool Connected, string? LastError, DateTimeOffset? LastDelivery, long Delivered);
