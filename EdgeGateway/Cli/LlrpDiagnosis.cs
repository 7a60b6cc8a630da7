using EdgeGateway.Drivers.Llrp;

namespace EdgeGateway.Cli;

/// <summary><c>edgegw diag llrp --json</c>: what the reader said it is and the tags it saw.</summary>
internal sealed record LlrpDiagnosis(string Reader, double Seconds, ReaderCapabilities? Capabilities, IReadOnlyList<LlrpInventoryEntry> Tags);
