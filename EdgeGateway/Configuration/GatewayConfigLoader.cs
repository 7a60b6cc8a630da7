using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Serial;
using EdgeGateway.Json;

namespace EdgeGateway.Configuration;

/// <summary>
/// Reads /etc/edgegw/edgegw.json: shape check (unknown keys, types), bind, then every validation rule;
/// all errors are collected, each with its path.
/// </summary>
public static class GatewayConfigLoader
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = true,
        CommentHandling = JsonCommentHandling.Skip,
    };

    private static readonly JsonSerializerOptions BindOptions = new JsonSerializerOptions
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        PropertyNameCaseInsensitive = true,
        TypeInfoResolver = GatewayJsonContext.Default,
    }.WithCamelCaseEnums();

    public static ConfigLoadResult Load(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Failed(new ConfigError("", $"cannot read {path}: {e.Message}"));
        }

        var shapeErrors = new List<ConfigError>();
        try
        {
            using var document = JsonDocument.Parse(text, DocumentOptions);
            ConfigShape.Check(document.RootElement, typeof(GatewayOptions), "", shapeErrors);
        }
        catch (JsonException e)
        {
            return Failed(new ConfigError("", $"not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {FirstSentence(e.Message)}"));
        }

        if (shapeErrors.Count > 0)
        {
            return new ConfigLoadResult(null, shapeErrors);
        }

        // System.Text.Json rather than the configuration binder: the binder appends to lists that have
        // default items ("antennas": [1, 2] over a default [1] binds as [1, 1, 2]); this replaces them.
        return Validate(JsonSerializer.Deserialize(text, (JsonTypeInfo<GatewayOptions>)BindOptions.GetTypeInfo(typeof(GatewayOptions))) ?? new GatewayOptions());
    }

    /// <summary>Validates options built in code (the demo) or bound from a file.</summary>
    public static ConfigLoadResult Validate(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<ConfigError>();
        ConfigAnnotations.Validate(options, "", errors);
        CheckDeviceIdsAreUnique(options, errors);
        CheckSerialPortsAreNotShared(options, errors);
        StockOptions.CheckLocationsAreUnique(options, errors);
        if (errors.Count == 0)
        {
            CheckModbusLines(options, errors);
            CheckAlarmReferences(options, errors);
        }

        return new ConfigLoadResult(errors.Count == 0 ? options : null, errors);
    }

    private static void CheckDeviceIdsAreUnique(GatewayOptions options, List<ConfigError> errors)
    {
        var first = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Devices.Count; i++)
        {
            var id = options.Devices[i].Id;
            if (id.Length > 0 && !first.TryAdd(id, i))
            {
                errors.Add(new ConfigError($"devices[{i}].id", $"\"{id}\" is already used by devices[{first[id]}]"));
            }
        }
    }

    /// <summary>
    /// A serial port is one device's: two readers of one tty steal each other's bytes, also under two of its names
    /// (<see cref="SerialPortPath"/>). Only Modbus RTU devices share a port, as the transmitters on one RS-485 line
    /// (ModbusLines checks their settings agree).
    /// </summary>
    private static void CheckSerialPortsAreNotShared(GatewayOptions options, List<ConfigError> errors)
    {
        var first = new Dictionary<string, (int Index, string Port, bool Rtu)>(StringComparer.Ordinal);
        for (var i = 0; i < options.Devices.Count; i++)
        {
            var device = options.Devices[i];
            var (port, path, rtu) = device.Mattress is { Port.Length: > 0 } mattress ? (mattress.Port, "mattress.port", false)
                : device.Modbus?.Rtu is { Port.Length: > 0 } line ? (line.Port, "modbus.rtu.port", true)
                : (null, null, false);
            if (port is null)
            {
                continue;
            }

            var node = SerialPortPath.Canonical(port);
            if (!first.TryAdd(node, (i, port, rtu)) && !(rtu && first[node].Rtu))
            {
                var (index, named, _) = first[node];
                errors.Add(new ConfigError($"devices[{i}].{path}", named == port
                    ? $"\"{port}\" is already used by devices[{index}]"
                    : $"\"{port}\" is {node}, already used by devices[{index}] as \"{named}\""));
            }
        }
    }

    /// <summary>Devices sharing an RS-485 line or a TCP gateway must not clash (unit ids, serial settings).</summary>
    private static void CheckModbusLines(GatewayOptions options, List<ConfigError> errors)
    {
        var index = options.Devices.Select((d, i) => (d.Id, i)).ToDictionary(d => d.Id, d => d.i, StringComparer.Ordinal);
        foreach (var (deviceId, error) in ModbusLines.Validate(ModbusDevices(options)))
        {
            foreach (var member in error.MemberNames.DefaultIfEmpty(""))
            {
                var path = $"devices[{index[deviceId]}].modbus";
                errors.Add(new ConfigError(member.Length == 0 ? path : $"{path}.{ConfigAnnotations.MemberPath(member)}", error.ErrorMessage ?? "is invalid"));
            }
        }
    }

    /// <summary>
    /// Alarm settings that name devices must name the right ones (pipes: two pressure transmitters, each on
    /// one pipe; thresholds: a Modbus device and one of its fields), and a bed's own vitals limits must be
    /// consistent once merged with the ward's.
    /// </summary>
    private static void CheckAlarmReferences(GatewayOptions options, List<ConfigError> errors)
    {
        var devices = options.Devices.ToDictionary(d => d.Id, StringComparer.Ordinal);
        var onPipe = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < options.Alarms.PipeBurst.Pipes.Count; i++)
        {
            var pipe = options.Alarms.PipeBurst.Pipes[i];
            foreach (var (key, id) in new[] { ("upstreamDeviceId", pipe.UpstreamDeviceId), ("downstreamDeviceId", pipe.DownstreamDeviceId) })
            {
                var path = $"alarms.pipeBurst.pipes[{i}].{key}";
                if (!devices.TryGetValue(id, out var device))
                {
                    errors.Add(new ConfigError(path, $"no device \"{id}\""));
                }
                else if (device.Type != DeviceType.Pressure)
                {
                    errors.Add(new ConfigError(path, $"\"{id}\" is not a pressure device"));
                }
                else if (!onPipe.TryAdd(id, i))
                {
                    errors.Add(new ConfigError(path, $"\"{id}\" is already on alarms.pipeBurst.pipes[{onPipe[id]}]"));
                }
            }
        }

        for (var i = 0; i < options.Alarms.Thresholds.Count; i++)
        {
            var threshold = options.Alarms.Thresholds[i];
            var path = $"alarms.thresholds[{i}]";
            if (!devices.TryGetValue(threshold.DeviceId, out var device) || device.Modbus is null)
            {
                errors.Add(new ConfigError($"{path}.deviceId", $"no Modbus device \"{threshold.DeviceId}\""));
                continue;
            }

            var fields = device.Modbus.Points.Where(p => device.Type != DeviceType.Pressure || p.Name != ModbusDevice.PressurePoint).Select(p => p.FieldName).ToList();
            if (device.Type == DeviceType.Pressure)
            {
                fields.Add("pressureKpa");
            }

            if (!fields.Contains(threshold.Field, StringComparer.Ordinal))
            {
                errors.Add(new ConfigError($"{path}.field", $"\"{threshold.DeviceId}\" has no field \"{threshold.Field}\" (it has: {string.Join(", ", fields)})"));
            }
        }

        var ward = options.Alarms.Vitals.Limits;
        for (var i = 0; i < options.Devices.Count; i++)
        {
            if (options.Devices[i].VitalsLimits is not { } own)
            {
                continue;
            }

            if (options.Devices[i].Type != DeviceType.Mattress)
            {
                errors.Add(new ConfigError($"devices[{i}].vitalsLimits", "is only for a device of type \"mattress\""));
                continue;
            }

            foreach (var error in VitalsLimitOptions.Check(own.HrLowBpm ?? ward.HrLowBpm, own.HrHighBpm ?? ward.HrHighBpm, ward.HrHysteresisBpm,
                own.RrLowBrpm ?? ward.RrLowBrpm, own.RrHighBrpm ?? ward.RrHighBrpm, ward.RrHysteresisBrpm))
            {
                errors.Add(new ConfigError($"devices[{i}].vitalsLimits.{ConfigAnnotations.MemberPath(error.MemberNames.Single())}", error.ErrorMessage ?? "is invalid"));
            }
        }
    }

    /// <summary>The configured Modbus devices, as the Modbus driver groups them into lines.</summary>
    public static IEnumerable<ModbusDevice> ModbusDevices(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Devices.Where(d => d.Modbus is not null).Select(d => new ModbusDevice(d.Id, ConfigNames.Of(d.Type), d.Modbus!));
    }

    private static ConfigLoadResult Failed(ConfigError error) => new(null, [error]);

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        end = end < 0 ? message.IndexOf(" Path:", StringComparison.Ordinal) : end;
        return (end < 0 ? message : message[..end]).TrimEnd(' ', '|', '.');
    }
}
