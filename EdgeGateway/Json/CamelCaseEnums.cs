using System.Text.Json;
using System.Text.Json.Serialization;

namespace EdgeGateway.Json;

/// <summary>
/// Enums as camelCase strings (<c>"acknowledged"</c>, <c>"iotHub"</c>), read case-insensitively. One generic
/// converter per enum the JSON carries: the non-generic <see cref="JsonStringEnumConverter"/> builds its
/// converters at run time, which a Native AOT binary cannot. An enum added to a serialised type belongs here;
/// a test walks <see cref="GatewayJsonContext"/> and fails for one that is missing.
/// </summary>
internal static class CamelCaseEnums
{
    public static JsonSerializerOptions WithCamelCaseEnums(this JsonSerializerOptions options)
    {
        JsonConverter[] converters =
        [
            Of<Alarms.AlarmPriority>(),
            Of<Alarms.AlarmState>(),
            Of<Configuration.CloudKind>(),
            Of<Configuration.DeviceType>(),
            Of<Configuration.IotHubTransport>(),
            Of<Configuration.RelayHold>(),
            Of<Drivers.DeviceState>(),
            Of<Drivers.Modbus.RegisterType>(),
            Of<Drivers.Modbus.SerialParity>(),
            Of<Drivers.Modbus.WordOrder>(),
            Of<Outbox.MessageKind>(),
            Of<System.IO.Ports.Parity>(),
            Of<System.IO.Ports.StopBits>(),
        ];
        foreach (var converter in converters)
        {
            options.Converters.Add(converter);
        }

        return options;
    }

    private static JsonStringEnumConverter<TEnum> Of<TEnum>()
        where TEnum : struct, Enum => new(JsonNamingPolicy.CamelCase);
}
