using System.Device.Gpio;
using EdgeGateway.Configuration;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.CallButtons;
using EdgeGateway.Drivers.Llrp;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.LocalBroker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Devices;

/// <summary>Creates one driver per configured device (config <c>devices[i]</c>), owning the GPIO chips they share.</summary>
public sealed partial class DeviceDrivers : IDisposable
{
    private readonly Dictionary<int, GpioController> _chips = [];
    private readonly IServiceProvider _services;
    private readonly ILogger<DeviceDrivers> _logger;
    private readonly ModbusPollClock _modbusPollClock;

    public DeviceDrivers(IServiceProvider services, ILogger<DeviceDrivers> logger)
    {
        _services = services;
        _logger = logger;
        _modbusPollClock = new ModbusPollClock(services.GetRequiredService<TimeProvider>());
    }

    public IDeviceDriver Create(DeviceOptions device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var time = _services.GetRequiredService<TimeProvider>();
        return device.Type switch
        {
            DeviceType.Mattress => new MattressDriver(device.Id, device.Mattress!, _services.GetRequiredService<DriverMetrics>(),
                _services.GetRequiredService<ILogger<MattressDriver>>(), time),
            DeviceType.CallButton when device.Mqtt is { } mqtt => new MqttCallButtonDriver(device.Id, mqtt, _services.GetRequiredService<GatewayOptions>().Gateway.Id,
                _services.GetRequiredService<EmbeddedBroker>(), _services.GetRequiredService<DriverMetrics>(),
                _services.GetRequiredService<ILogger<MqttCallButtonDriver>>(), time),
            DeviceType.CallButton => CallButton(device, time),
            DeviceType.Rfid => new LlrpReaderDriver(device.Id, device.Llrp!, _services.GetRequiredService<DriverMetrics>(), _services.GetRequiredService<LlrpMetrics>(),
                _services.GetRequiredService<ILogger<LlrpReaderDriver>>(), time),
            _ => new UnavailableDeviceDriver(device.Id, $"no driver for device type \"{ConfigNames.Of(device.Type)}\" in this build", time),
        };
    }

    /// <summary>
    /// One driver per Modbus line (an RS-485 port or a TCP gateway) polling its devices in turn; all lines share one
    /// poll clock, so devices with the same interval are polled at the same instants.
    /// </summary>
    public IDeviceDriver CreateModbusLine(IReadOnlyList<ModbusDevice> line) =>
        new ModbusLineDriver(line, _services.GetRequiredService<DriverMetrics>(), _services.GetRequiredService<ModbusMetrics>(),
            _services.GetRequiredService<ILogger<ModbusLineDriver>>(), _modbusPollClock);

    public void Dispose()
    {
        foreach (var chip in _chips.Values)
        {
            chip.Dispose();
        }
    }

    private IDeviceDriver CallButton(DeviceOptions device, TimeProvider time)
    {
        var options = device.Gpio!;
        if (!_chips.TryGetValue(options.Chip, out var controller))
        {
            try
            {
                controller = _services.GetRequiredService<GpioControllerFactory>()(options.Chip);
                _chips.Add(options.Chip, controller);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or PlatformNotSupportedException or InvalidOperationException)
            {
                LogChipUnavailable(_logger, options.Chip, device.Id, e.Message);
                return new UnavailableDeviceDriver(device.Id, $"cannot open GPIO chip {options.Chip}: {e.Message}", time);
            }
        }

        return new CallButtonDriver(device.Id, options, controller, _services.GetRequiredService<ILogger<CallButtonDriver>>(), time);
    }

    [LoggerMessage(EventId = 1700, Level = LogLevel.Error, Message = "Cannot open GPIO chip {Chip} for {DeviceId}: {Reason}; the device is reported offline")]
    private static partial void LogChipUnavailable(ILogger logger, int chip, string deviceId, string reason);
}
