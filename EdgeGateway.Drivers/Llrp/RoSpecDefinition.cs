namespace EdgeGateway.Drivers.Llrp;

/// <summary>
/// The one inventory ROSpec this gateway uses: started by START_ROSPEC, never stops by itself, one AISpec
/// over <paramref name="Antennas"/> with a C1G2 InventoryParameterSpec, reporting every
/// <paramref name="ReportEveryNTags"/> tags.
/// </summary>
public sealed record RoSpecDefinition(uint RoSpecId, IReadOnlyList<ushort> Antennas, ushort ReportEveryNTags, ushort InventoryParameterSpecId = 1, byte Priority = 0);
