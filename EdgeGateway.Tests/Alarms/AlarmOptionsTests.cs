using EdgeGateway.Alarms;
using EdgeGateway.Configuration;
using EdgeGateway.Tests.Fixtures;

namespace EdgeGateway.Tests.Alarms;

public sealed class AlarmOptionsTests : IDisposable
{
    private const string Devices = """
        "devices": [
          { "id": "bed-12A", "type": "mattress", "mattress": { "port": "/dev/ttyUSB0" }, "vitalsLimits": { "hrHighBpm": 150 } },
          { "id": "call-12A", "type": "callButton", "gpio": { "line": 17 } },
          { "id": "pipe-up", "type": "pressure", "modbus": { "tcp": "127.0.0.1:1502", "unitId": 1, "pollIntervalMs": 10, "points": [{ "name": "pressure", "unit": "kPa" }] } },
          { "id": "pipe-down", "type": "pressure", "modbus": { "tcp": "127.0.0.1:1502", "unitId": 2, "pollIntervalMs": 20, "points": [{ "name": "pressure", "unit": "kPa" }, { "name": "temperature", "address": 2, "unit": "degC" }] } },
        ]
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Every_alarm_section_binds_with_its_defaults()
    {
        var result = Load("""
            "alarms": {
              "callEscalation": { "escalationSeconds": [60, 180, 600] },
              "pipeBurst": { "pipes": [{ "id": "main-A", "upstreamDeviceId": "pipe-up", "downstreamDeviceId": "pipe-down", "lengthM": 1000 }] },
              "thresholds": [{ "name": "pipe-temp", "deviceId": "pipe-down", "field": "temperatureDegC", "highLimit": 30, "hysteresis": 1 }],
            },
            """);

        Assert.Empty(result.Errors);
        var alarms = result.Options!.Alarms;
        Assert.Equal([60, 180, 600], alarms.CallEscalation.EscalationSeconds);
        Assert.Equal((20, 10, true), (alarms.Apnea.ApneaSeconds, alarms.BedExit.DelaySeconds, alarms.Vitals.Enabled));
        Assert.Equal((AlarmPriority.Medium, AlarmPriority.Low, AlarmPriority.High), (alarms.Vitals.Priority, alarms.SignalLost.Priority, alarms.PipeBurst.Priority));
        Assert.Equal((40, 130, 8, 25), (alarms.Vitals.Limits.HrLowBpm, alarms.Vitals.Limits.HrHighBpm, alarms.Vitals.Limits.RrLowBrpm, alarms.Vitals.Limits.RrHighBrpm));
        Assert.Equal((120, 90), (alarms.UnacknowledgedEscalationSeconds, alarms.BedSettlingSeconds));
        Assert.Equal(1200, alarms.PipeBurst.Pipes[0].WaveSpeedMps);
        Assert.Equal(150, result.Options.Devices[0].VitalsLimits!.HrHighBpm);
    }

    public static TheoryData<string, string> Wrong() => new()
    {
        { """ "alarms": { "signalLost": { "priority": "high" } } """, "alarms.signalLost.priority: must be low or medium" },
        { """ "alarms": { "vitals": { "priority": "low" } } """, "alarms.vitals.priority: must be medium or high" },
        { """ "alarms": { "pipeBurst": { "priority": "low" } } """, "alarms.pipeBurst.priority: must be medium or high" },
        { """ "alarms": { "apnea": { "priority": "high" } } """, "alarms.apnea.priority: unknown key" },
        { """ "alarms": { "apnea": { "apneaSeconds": 5 } } """, "alarms.apnea.apneaSeconds: must be 10..60" },
        { """ "alarms": { "callEscalation": { "escalationSeconds": [120, 60] } } """, "alarms.callEscalation.escalationSeconds[1]: must be later than the one before" },
        { """ "alarms": { "callEscalation": { "escalationSeconds": [0] } } """, "alarms.callEscalation.escalationSeconds[0]: must be 1..86400" },
        { """ "alarms": { "vitals": { "limits": { "hrLowBpm": 100, "hrHighBpm": 105 } } } """, "alarms.vitals.limits.hrHighBpm: must be above hrLowBpm by more than twice hrHysteresisBpm" },
        { """ "alarms": { "unacknowledgedEscalationSeconds": 5 } """, "alarms.unacknowledgedEscalationSeconds: must be 10..3600" },
        { """ "alarms": { "pipeBurst": { "pipes": [{ "id": "p", "upstreamDeviceId": "pipe-up", "downstreamDeviceId": "nowhere", "lengthM": 100 }] } } """, "alarms.pipeBurst.pipes[0].downstreamDeviceId: no device \"nowhere\"" },
        { """ "alarms": { "pipeBurst": { "pipes": [{ "id": "p", "upstreamDeviceId": "bed-12A", "downstreamDeviceId": "pipe-down", "lengthM": 100 }] } } """, "alarms.pipeBurst.pipes[0].upstreamDeviceId: \"bed-12A\" is not a pressure device" },
        { """ "alarms": { "pipeBurst": { "pipes": [{ "id": "p", "upstreamDeviceId": "pipe-up", "downstreamDeviceId": "pipe-up", "lengthM": 100 }] } } """, "alarms.pipeBurst.pipes[0].downstreamDeviceId: must differ from upstreamDeviceId" },
        { """ "alarms": { "pipeBurst": { "pipes": [{ "id": "p", "upstreamDeviceId": "pipe-up", "downstreamDeviceId": "pipe-down" }] } } """, "alarms.pipeBurst.pipes[0].lengthM: must be 1..100000" },
        { """ "alarms": { "pipeBurst": { "pipes": [{ "id": "p", "upstreamDeviceId": "pipe-up", "downstreamDeviceId": "pipe-down", "lengthM": 100 }, { "id": "q", "upstreamDeviceId": "pipe-down", "downstreamDeviceId": "pipe-up", "lengthM": 100 }] } } """, "alarms.pipeBurst.pipes[1].upstreamDeviceId: \"pipe-down\" is already on alarms.pipeBurst.pipes[0]" },
        { """ "alarms": { "thresholds": [{ "name": "t", "deviceId": "pipe-down", "field": "temperatureDegC" }] } """, "alarms.thresholds[0].highLimit: lowLimit, highLimit or both are required" },
        { """ "alarms": { "thresholds": [{ "name": "t", "deviceId": "pipe-down", "field": "humidityPct", "lowLimit": 1 }] } """, "alarms.thresholds[0].field: \"pipe-down\" has no field \"humidityPct\" (it has: temperatureDegC, pressureKpa)" },
        { """ "alarms": { "thresholds": [{ "name": "t", "deviceId": "bed-12A", "field": "hrBpm", "lowLimit": 1 }] } """, "alarms.thresholds[0].deviceId: no Modbus device \"bed-12A\"" },
        { """ "alarms": { "thresholds": [{ "name": "t", "deviceId": "pipe-up", "field": "pressureKpa", "lowLimit": 10, "highLimit": 12, "hysteresis": 1 }] } """, "alarms.thresholds[0].highLimit: must be above lowLimit by more than twice the hysteresis" },
    };

    [Theory]
    [MemberData(nameof(Wrong))]
    public void A_wrong_alarm_setting_is_reported_with_its_path(string alarms, string expected)
    {
        var result = Load(alarms + ",");

        Assert.Null(result.Options);
        Assert.Contains(result.Errors, e => $"{e.Path}: {e.Message}".StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void A_beds_own_limits_must_fit_the_wards_and_belong_to_a_bed()
    {
        var result = Load("""
            "alarms": { "vitals": { "limits": { "hrLowBpm": 60 } } },
            "devices": [
              { "id": "bed-1", "type": "mattress", "mattress": { "port": "/dev/ttyUSB0" }, "vitalsLimits": { "hrHighBpm": 65 } },
              { "id": "call-1", "type": "callButton", "gpio": { "line": 17 }, "vitalsLimits": { "hrHighBpm": 150 } },
            ],
            """, withDevices: false);

        Assert.Equal(
            ["devices[0].vitalsLimits.hrHighBpm: must be above hrLowBpm by more than twice hrHysteresisBpm", "devices[1].vitalsLimits: is only for a device of type \"mattress\""],
            result.Errors.Select(e => $"{e.Path}: {e.Message}"));
    }

    private ConfigLoadResult Load(string alarms, bool withDevices = true)
    {
        var path = _dir.File("edgegw.json");
        File.WriteAllText(path, $$"""
            {
              "gateway": { "id": "ward-3a", "dataDir": "/var/lib/edgegw" },
              {{alarms}}
              {{(withDevices ? Devices : "")}}
            }
            """);
        return GatewayConfigLoader.Load(path);
    }
}
