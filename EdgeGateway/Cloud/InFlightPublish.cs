using EdgeGateway.Outbox;

namespace EdgeGateway.Cloud;

/// <summary>A publish waiting for its PUBACK, in the order it was started.</summary>
internal readonly record struct InFlightPublish(OutboxRecord Record, Task Task);
