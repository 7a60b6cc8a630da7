using System.Device.Gpio;
using EdgeGateway.Alarms;
using EdgeGateway.Configuration;
using EdgeGateway.Engine;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Devices;

/// <summary>
/// Drives the configured GPIO relays (corridor lights, buzzers) from alarm transitions, on the box itself and
/// whatever the cloud does. A relay whose chip cannot be opened is logged once and left out; the rest work.
/// </summary>
public sealed partial class RelayAnnunciator : IAlarmAnnunciator, IDisposable
{
    private readonly List<Relay> _relays = [];
    private readonly Dictionary<string, AlarmTransition> _active = new(StringComparer.Ordinal);
    private readonly List<GpioController> _controllers = [];

    public RelayAnnunciator(IEnumerable<RelayOptions> relays, GpioControllerFactory gpio, ILogger<RelayAnnunciator> logger)
    {
        ArgumentNullException.ThrowIfNull(relays);
        ArgumentNullException.ThrowIfNull(gpio);
        foreach (var options in relays)
        {
            try
            {
                var controller = gpio(options.Chip);
                _controllers.Add(controller);
                controller.OpenPin(options.Line, PinMode.Output);
                var relay = new Relay(options, controller);
                relay.Set(on: false);
                _relays.Add(relay);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or DllNotFoundException or PlatformNotSupportedException or InvalidOperationException or ArgumentException)
            {
                LogRelayUnavailable(logger, options.Name, options.Chip, options.Line, e.Message);
            }
        }
    }

    public void Announce(AlarmTransition transition)
    {
        ArgumentNullException.ThrowIfNull(transition);
        if (transition.State == AlarmState.Cleared)
        {
            _active.Remove(transition.AlarmId);
        }
        else
        {
            _active[transition.AlarmId] = transition;
        }

        foreach (var relay in _relays)
        {
            relay.Set(_active.Values.Any(relay.Wants));
        }
    }

    public void Dispose()
    {
        foreach (var controller in _controllers)
        {
            controller.Dispose();
        }
    }

    [LoggerMessage(EventId = 1250, Level = LogLevel.Error, Message = "Alarm relay {Name} (GPIO chip {Chip} line {Line}) cannot be opened: {Reason}; it will not switch")]
    private static partial void LogRelayUnavailable(ILogger logger, string name, int chip, int line, string reason);

    private sealed class Relay(RelayOptions options, GpioController controller)
    {
        public bool Wants(AlarmTransition alarm) =>
            options.Priorities.Contains(alarm.Priority) && (options.Until == RelayHold.Cleared || alarm.State != AlarmState.Acknowledged);

        public void Set(bool on) => controller.Write(options.Line, on == options.ActiveHigh ? PinValue.High : PinValue.Low);
    }
}
