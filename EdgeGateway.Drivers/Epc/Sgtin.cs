namespace EdgeGateway.Drivers.Epc;

/// <summary>
/// A decoded SGTIN (GS1 EPC Tag Data Standard §6.3.1 and §14.5.1): the GTIN-14 with its check digit
/// computed, the serial, and the control fields of the binary encoding.
/// </summary>
/// <param name="Filter">Filter value (TDS §10.1), 0..7; 1 = point of sale trade item.</param>
/// <param name="Partition">Partition value (TDS Table 14-2), 0..6: where company prefix ends and item reference starts.</param>
/// <param name="CompanyPrefix">GS1 Company Prefix, 6..12 digits.</param>
/// <param name="IndicatorAndItemReference">Indicator/pad digit followed by the item reference, 13 minus company prefix digits.</param>
/// <param name="Gtin">GTIN-14: indicator, company prefix, item reference, check digit.</param>
/// <param name="Serial">Decimal for SGTIN-96; up to 20 characters of the GS1 AI character set for SGTIN-198.</param>
public sealed record Sgtin(byte Filter, byte Partition, string CompanyPrefix, string IndicatorAndItemReference, string Gtin, string Serial);
