using System.Text.Json;
using System.Text.Json.Serialization;
using EdgeGateway.Admin;
using EdgeGateway.Alarms;
using EdgeGateway.Cli;
using EdgeGateway.Cloud;
using EdgeGateway.Configuration;
using EdgeGateway.Engine;
using EdgeGateway.Outbox;
using EdgeGateway.Stock;

namespace EdgeGateway.Json;

/// <summary>
/// Every type the gateway reads or writes with <see cref="JsonSerializer"/>: the configuration file, the admin
/// socket's requests and answers, the CLI's <c>--json</c> output, IoT Hub direct-method answers and the stored
/// values of active alarms. Compile-time metadata, so the Native AOT binary needs no reflection to serialise;
/// the JIT build uses it too (reflection-based serialisation is off in EdgeGateway.csproj), so a type missing
/// here fails in the tests. The conventions (naming, converters) are in the options that use this resolver:
/// <see cref="AdminJson"/> and <see cref="GatewayConfigLoader"/>.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(GatewayOptions))]
[JsonSerializable(typeof(AdminRequest))]
[JsonSerializable(typeof(AdminResponse))]
[JsonSerializable(typeof(StatusReport))]
[JsonSerializable(typeof(IReadOnlyList<DeviceSnapshot>))]
[JsonSerializable(typeof(IReadOnlyList<ActiveAlarm>))]
[JsonSerializable(typeof(AlarmTransition))]
[JsonSerializable(typeof(AlarmAcknowledgement))]
[JsonSerializable(typeof(BedArming))]
[JsonSerializable(typeof(OutboxStats))]
[JsonSerializable(typeof(IReadOnlyList<DeadLetter>))]
[JsonSerializable(typeof(StockReport))]
[JsonSerializable(typeof(CatalogListing))]
[JsonSerializable(typeof(CatalogImportRequest))]
[JsonSerializable(typeof(List<CatalogRow>))]
[JsonSerializable(typeof(CatalogImportSummary))]
[JsonSerializable(typeof(PingAnswer))]
[JsonSerializable(typeof(HubStatusAnswer))]
[JsonSerializable(typeof(MethodError))]
[JsonSerializable(typeof(LlrpDiagnosis))]
[JsonSerializable(typeof(Dictionary<string, double>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, double>))]
[JsonSerializable(typeof(JsonElement))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
