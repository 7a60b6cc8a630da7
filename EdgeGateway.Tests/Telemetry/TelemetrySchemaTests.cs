using System.Text.Json.Nodes;
using EdgeGateway.Alarms;
using EdgeGateway.Configuration;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.Drivers.Epc;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Outbox;
using EdgeGateway.Telemetry;
using EdgeGateway.Tests.Fixtures;
using Json.Schema;

namespace EdgeGateway.Tests.Telemetry;

/// <summary>Every message kind the code emits is checked against docs/telemetry.schema.json, the contract dashboards read.</summary>
public sealed class TelemetrySchemaTests
{
    private static readonly DateTimeOffset Observed = new(2026, 11, 24, 7, 30, 15, 123, TimeSpan.Zero);
    private static readonly JsonSchema Schema = JsonSchema.FromFile(RepositoryFiles.Path("docs/telemetry.schema.json"));

    private readonly TelemetryWriter _writer = new("ward-3a", "St Mary", [
        new DeviceInfo("bed-12A", DeviceType.Mattress, new LocationOptions { Ward = "3A", Room = "12", Bed = "12A" }),
        new DeviceInfo("call-12A", DeviceType.CallButton, new LocationOptions { Ward = "3A", Room = "12", Bed = "12A" }),
        new DeviceInfo("store-3A", DeviceType.Rfid, new LocationOptions { Ward = "3A", Zone = "store room" }),
        new DeviceInfo("pipe-A-up", DeviceType.Pressure, new LocationOptions { Zone = "main A upstream" }),
    ]);

    public static TheoryData<string> Kinds() => ["vitals", "vitals-not-measured", "call", "rfid-sgtin", "rfid-raw", "pressure", "modbus-points", "device", "alarm-raised", "alarm-cleared"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_emitted_message_kind_is_valid_against_the_published_schema(string kind)
    {
        var json = Emit(kind);

        using var document = System.Text.Json.JsonDocument.Parse(json);
        var result = Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });

        Assert.True(result.IsValid, $"{kind}: {json}\n{string.Join("\n", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}")))}");
    }

    [Fact]
    public void A_reading_envelope_carries_the_exact_fields_of_docs_telemetry_md()
    {
        var json = JsonNode.Parse(Emit("call"))!;

        Assert.Equal("edgegw/1", (string?)json["schema"]);
        Assert.Equal("ward-3a", (string?)json["gatewayId"]);
        Assert.Equal(42, (long?)json["seq"]);
        Assert.Equal("ward-3a:42", (string?)json["id"]);
        Assert.Equal("reading", (string?)json["kind"]);
        Assert.Equal("2026-11-24T07:30:15.123Z", (string?)json["ts"]);
        Assert.Equal("""{"id":"call-12A","type":"callButton","ward":"3A","room":"12","bed":"12A"}""", json["device"]!.ToJsonString());
        Assert.Equal("""{"type":"call","event":"pressed"}""", json["data"]!.ToJsonString());
    }

    [Theory]
    [InlineData("schema", "\"edgegw/2\"")]
    [InlineData("ts", "\"2026-11-24 07:30:15\"")]
    [InlineData("kind", "\"telemetry\"")]
    [InlineData("seq", "0")]
    public void The_schema_rejects_a_message_that_breaks_the_contract(string field, string value)
    {
        var json = JsonNode.Parse(Emit("call"))!.AsObject();
        json[field] = JsonNode.Parse(value);

        using var document = System.Text.Json.JsonDocument.Parse(json.ToJsonString());
        Assert.False(Schema.Evaluate(document.RootElement).IsValid);
    }

    private string Emit(string kind)
    {
        var draft = kind switch
        {
            "vitals" => _writer.ReadingDraft(new VitalsReading("bed-12A", Observed, 64, 14, false, true, BedStatus.AtRest, 1620, 77, 48, 938)),
            "vitals-not-measured" => _writer.ReadingDraft(new VitalsReading("bed-12A", Observed, null, null, true, true, BedStatus.Moving, 20, null, null, null)),
            "call" => _writer.ReadingDraft(new CallButtonReading("call-12A", Observed, CallButtonEvent.Pressed)),
            "rfid-sgtin" => _writer.ReadingDraft(new TagReading("store-3A", Observed, EpcDecoder.Decode(Convert.FromHexString("3034257BF7194E4000001A85"), 96), 1, -58, Observed, Observed, 3)),
            "rfid-raw" => _writer.ReadingDraft(new TagReading("store-3A", Observed, EpcDecoder.Decode(Convert.FromHexString("E2801160600002054CC2096F"), 96), null, null, null, null, null)),
            "pressure" => _writer.ReadingDraft(new PressureReading("pipe-A-up", Observed, 399.8994750976)),
            "modbus-points" => _writer.ReadingDraft(new ModbusPointsReading("pipe-A-up", Observed, [new ModbusPointValue("temperatureDegC", 11.5), new ModbusPointValue("flowM3h", 42)])),
            "device" => _writer.DeviceDraft(new DeviceStatusChange("bed-12A", Observed, DeviceState.Offline, "port /dev/ttyUSB0 lost")),
            "alarm-raised" => _writer.AlarmDraft(SilentAlarm(active: true)),
            "alarm-cleared" => _writer.AlarmDraft(SilentAlarm(active: false)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        Assert.Equal(kind.StartsWith("alarm", StringComparison.Ordinal) ? MessageKind.Alarm : kind == "device" ? MessageKind.Device : MessageKind.Reading, draft.Kind);
        return System.Text.Encoding.UTF8.GetString(draft.Payload(42, "ward-3a:42"));
    }

    private static AlarmTransition SilentAlarm(bool active)
    {
        var engine = new AlarmEngine([new DeviceSilentRule([KeyValuePair.Create("bed-12A", TimeSpan.FromSeconds(10))], AlarmPriority.Medium, Observed)]);
        var transitions = new List<AlarmTransition>();
        engine.Tick(Observed.AddSeconds(11), transitions);
        if (!active)
        {
            engine.Process(new CallButtonReading("bed-12A", Observed.AddSeconds(12), CallButtonEvent.Pressed), Observed.AddSeconds(12), transitions);
        }

        return transitions[^1];
    }
}
