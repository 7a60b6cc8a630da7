namespace EdgeGateway.Drivers.Llrp;

/// <summary>One EPC seen on one antenna during a probe inventory.</summary>
/// <param name="Epc">EPC in upper-case hex.</param>
/// <param name="Scheme"><c>sgtin-96</c>, <c>sgtin-198</c> or <c>raw</c>.</param>
/// <param name="Gtin">GTIN-14 when the EPC is an SGTIN.</param>
/// <param name="Serial">Serial when the EPC is an SGTIN.</param>
/// <param name="AntennaId">Antenna that saw it, if the reader said.</param>
/// <param name="PeakRssiDbm">Strongest PeakRSSI reported, if the reader reported any.</param>
/// <param name="Count">Sum of TagSeenCount over all reports (1 per report without one).</param>
public sealed record LlrpInventoryEntry(string Epc, string Scheme, string? Gtin, string? Serial, ushort? AntennaId, sbyte? PeakRssiDbm, int Count);
