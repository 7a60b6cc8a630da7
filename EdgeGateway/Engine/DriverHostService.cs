using EdgeGateway.Drivers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Engine;

/// <summary>Runs every device driver on its own task; a driver that fails unexpectedly is logged and restarted.</summary>
public sealed partial class DriverHostService : BackgroundService
{
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(5);

    private readonly IReadOnlyList<IDeviceDriver> _drivers;
    private readonly ReadingChannel _channel;
    private readonly TimeProvider _time;
    private readonly ILogger<DriverHostService> _logger;

    public DriverHostService(IEnumerable<IDeviceDriver> drivers, ReadingChannel channel, TimeProvider time, ILogger<DriverHostService> logger)
    {
        _drivers = [.. drivers];
        _channel = channel;
        _time = time;
        _logger = logger;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(_drivers.Select(driver => Task.Run(() => SuperviseAsync(driver, stoppingToken), stoppingToken)));

    private async Task SuperviseAsync(IDeviceDriver driver, CancellationToken stoppingToken)
    {
        var name = string.Join(",", driver.DeviceIds);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await driver.RunAsync(_channel, stoppingToken);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A driver's bug must not take the ward's other devices down with it.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogDriverCrashed(_logger, e, name, RestartDelay.TotalSeconds);
            }

            try
            {
                await Task.Delay(RestartDelay, _time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(EventId = 1210, Level = LogLevel.Error, Message = "Driver for {Devices} failed unexpectedly; restarting it in {Seconds} s")]
    private static partial void LogDriverCrashed(ILogger logger, Exception exception, string devices, double seconds);
}
