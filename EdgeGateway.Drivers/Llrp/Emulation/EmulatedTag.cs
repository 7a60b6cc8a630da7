namespace EdgeGateway.Drivers.Llrp.Emulation;

/// <summary>A tag in the emulated field: its EPC (hex) on one antenna.</summary>
public sealed record EmulatedTag(ushort AntennaId, string EpcHex, int EpcBitLength);
