using EdgeGateway.Outbox;

namespace EdgeGateway.Cloud;

/// <summary>How one delivery session on one connection ended.</summary>
/// <param name="Delivered">Messages acknowledged and deleted.</param>
/// <param name="Refused">Messages the cloud refused, with its reason.</param>
/// <param name="Failure">The connection failure that ended it, if any.</param>
/// <param name="RenewCredentials">Ended to reconnect with fresh credentials.</param>
internal sealed record DeliverySession(int Delivered, List<(OutboxRecord Record, string Reason)> Refused, Exception? Failure, bool RenewCredentials);
