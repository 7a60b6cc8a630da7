using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EdgeGateway.Cloud;

/// <summary>
/// Alarm thresholds the cloud may change through the device twin's desired properties (design.md §4.2):
/// today <c>alarms.deviceSilent.defaultTimeoutSeconds</c> and <c>alarms.deviceSilent.devices.{id}.silenceTimeoutSeconds</c>,
/// validated with the config file's limits (1..86400 s, known devices only). A desired document is accepted
/// whole or rejected whole, with every reason. Thread-safe: the twin handler writes, the device-silent rule
/// reads at each tick (a per-device value wins; the default applies to devices without their own in the file).
/// </summary>
public sealed class RemoteAlarmSettings
{
    private const int MaxSilenceSeconds = 86_400;

    private readonly Lock _gate = new();
    private readonly HashSet<string> _devices;
    private int? _defaultSilenceSeconds;
    private Dictionary<string, int> _deviceSilenceSeconds = new(StringComparer.Ordinal);

    public RemoteAlarmSettings(IEnumerable<string> deviceIds) => _devices = new HashSet<string>(deviceIds, StringComparer.Ordinal);

    /// <summary>The remote override of <c>alarms.deviceSilent.defaultTimeoutSeconds</c>, or null for the config file's.</summary>
    public int? DefaultSilenceSeconds
    {
        get
        {
            lock (_gate)
            {
                return _defaultSilenceSeconds;
            }
        }
    }

    /// <summary>Remote overrides of devices' <c>silenceTimeoutSeconds</c>.</summary>
    public IReadOnlyDictionary<string, int> DeviceSilenceSeconds
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, int>(_deviceSilenceSeconds, StringComparer.Ordinal);
            }
        }
    }

    /// <summary>The remote allowed silence of one device, if the twin sets one (read at every engine tick).</summary>
    public bool TryGetDeviceSilence(string deviceId, out int seconds)
    {
        lock (_gate)
        {
            return _deviceSilenceSeconds.TryGetValue(deviceId, out seconds);
        }
    }

    /// <summary>
    /// Validates a desired-properties document (the twin's <c>desired</c>, or a desired PATCH) and keeps it
    /// when every value is valid. Returns the problems, each as <c>path: reason</c>; empty when accepted.
    /// A null value removes the remote override (back to the config file).
    /// </summary>
    public IReadOnlyList<string> TryApply(JsonElement desired, bool isPatch)
    {
        var errors = new List<string>();
        int? defaultSeconds;
        Dictionary<string, int> devices;
        lock (_gate)
        {
            defaultSeconds = isPatch ? _defaultSilenceSeconds : null;
            devices = isPatch ? new Dictionary<string, int>(_deviceSilenceSeconds, StringComparer.Ordinal) : new(StringComparer.Ordinal);
        }

        if (desired.ValueKind != JsonValueKind.Object)
        {
            return ["desired: must be an object"];
        }

        foreach (var top in desired.EnumerateObject().Where(p => !p.Name.StartsWith('$')))
        {
            if (top.Name != "alarms" || top.Value.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{top.Name}: cannot be changed remotely (only alarms.deviceSilent thresholds can)");
                continue;
            }

            foreach (var alarm in top.Value.EnumerateObject())
            {
                if (alarm.Name != "deviceSilent" || alarm.Value.ValueKind != JsonValueKind.Object)
                {
                    errors.Add($"alarms.{alarm.Name}: cannot be changed remotely (only alarms.deviceSilent thresholds can)");
                    continue;
                }

                foreach (var setting in alarm.Value.EnumerateObject())
                {
                    var path = $"alarms.deviceSilent.{setting.Name}";
                    switch (setting.Name)
                    {
                        case "defaultTimeoutSeconds":
                            if (setting.Value.ValueKind == JsonValueKind.Null)
                            {
                                defaultSeconds = null;
                            }
                            else if (Seconds(setting.Value, path, errors) is { } seconds)
                            {
                                defaultSeconds = seconds;
                            }

                            break;
                        case "devices" when setting.Value.ValueKind == JsonValueKind.Object:
                            ReadDevices(setting.Value, devices, errors);
                            break;
                        default:
                            errors.Add($"{path}: cannot be changed remotely (known: defaultTimeoutSeconds, devices.<id>.silenceTimeoutSeconds)");
                            break;
                    }
                }
            }
        }

        if (errors.Count == 0)
        {
            lock (_gate)
            {
                _defaultSilenceSeconds = defaultSeconds;
                _deviceSilenceSeconds = devices;
            }
        }

        return errors;
    }

    /// <summary>What is in force remotely, as the reported-properties <c>alarms</c> object.</summary>
    public JsonObject Reported()
    {
        var devices = new JsonObject();
        foreach (var (id, seconds) in DeviceSilenceSeconds.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            devices[id] = new JsonObject { ["silenceTimeoutSeconds"] = seconds };
        }

        return new JsonObject
        {
            ["deviceSilent"] = new JsonObject
            {
                ["defaultTimeoutSeconds"] = DefaultSilenceSeconds,
                ["devices"] = devices,
            },
        };
    }

    private void ReadDevices(JsonElement devicesElement, Dictionary<string, int> devices, List<string> errors)
    {
        foreach (var device in devicesElement.EnumerateObject())
        {
            var path = $"alarms.deviceSilent.devices.{device.Name}";
            if (!_devices.Contains(device.Name))
            {
                errors.Add($"{path}: no device with this id in the config file");
                continue;
            }

            if (device.Value.ValueKind == JsonValueKind.Null)
            {
                devices.Remove(device.Name);
                continue;
            }

            if (device.Value.ValueKind != JsonValueKind.Object)
            {
                errors.Add($"{path}: must be an object with silenceTimeoutSeconds");
                continue;
            }

            foreach (var setting in device.Value.EnumerateObject())
            {
                if (setting.Name != "silenceTimeoutSeconds")
                {
                    errors.Add($"{path}.{setting.Name}: cannot be changed remotely (known: silenceTimeoutSeconds)");
                }
                else if (setting.Value.ValueKind == JsonValueKind.Null)
                {
                    devices.Remove(device.Name);
                }
                else if (Seconds(setting.Value, $"{path}.silenceTimeoutSeconds", errors) is { } seconds)
                {
                    devices[device.Name] = seconds;
                }
            }
        }
    }

    /// <summary>The same limit as the config file's (DeviceSilentAlarmOptions, DeviceOptions): 1..86400 whole seconds.</summary>
    private static int? Seconds(JsonElement value, string path, List<string> errors)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var seconds) && seconds is >= 1 and <= MaxSilenceSeconds)
        {
            return seconds;
        }

        errors.Add(string.Create(CultureInfo.InvariantCulture, $"{path}: must be 1..{MaxSilenceSeconds}"));
        return null;
    }
}
