namespace EdgeGateway.Drivers.Llrp;

/// <summary>What <see cref="LlrpInventoryProbe"/> found: the reader's identity and every EPC per antenna, strongest first.</summary>
public sealed record LlrpInventoryResult(ReaderCapabilities? Capabilities, IReadOnlyList<LlrpInventoryEntry> Tags);
