namespace EdgeGateway.Engine;

/// <summary>The answer to <c>beds.arm</c> and <c>beds.disarm</c>: whether the bed's bed-exit alarm is now armed.</summary>
public sealed record BedArming(string Bed, bool Armed);
