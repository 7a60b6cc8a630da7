namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>
/// Two pressure transmitters at the ends of one pipe, written as float32 kPa into their slaves' registers.
/// A burst at x metres from upstream sends a negative pressure wave both ways: it reaches the upstream
/// transmitter after x / v and the downstream one after (L - x) / v, where each then reads a sharp, lasting
/// drop. That is what the negative-pressure-wave locator inverts: x = (L + v (t1 - t2)) / 2.
/// </summary>
public sealed class PipePressureSimulator
{
    private const double MinDropKpa = 60;
    private const double MaxDropKpa = 150;

    private readonly PipePressureOptions _options;
    private readonly ModbusRegisterBank _upstream;
    private readonly ModbusRegisterBank _downstream;
    private readonly TimeProvider _timeProvider;
    private readonly Random _random;
    private readonly Lock _lock = new();
    private PipeBurst? _burst;

    public PipePressureSimulator(PipePressureOptions options, ModbusRegisterBank upstream, ModbusRegisterBank downstream, TimeProvider timeProvider, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(upstream);
        ArgumentNullException.ThrowIfNull(downstream);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(random);
        _options = options;
        _upstream = upstream;
        _downstream = downstream;
        _timeProvider = timeProvider;
        _random = random;
    }

    /// <summary>The current burst, or null while the pipe is intact.</summary>
    public PipeBurst? Burst
    {
        get
        {
            lock (_lock)
            {
                return _burst;
            }
        }
    }

    /// <summary>
    /// Bursts the pipe now at <paramref name="positionMeters"/> from the upstream transmitter; the drop is
    /// <paramref name="dropKpa"/> or, when null, drawn from 60-150 kPa.
    /// </summary>
    public PipeBurst TriggerBurst(double positionMeters, double? dropKpa = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(positionMeters);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(positionMeters, _options.LengthMeters);
        lock (_lock)
        {
            var now = _timeProvider.GetUtcNow();
            var drop = dropKpa ?? (MinDropKpa + (_random.NextDouble() * (MaxDropKpa - MinDropKpa)));
            _burst = new PipeBurst(
                positionMeters,
                drop,
                now,
                now + TimeSpan.FromSeconds(positionMeters / _options.WaveSpeedMetersPerSecond),
                now + TimeSpan.FromSeconds((_options.LengthMeters - positionMeters) / _options.WaveSpeedMetersPerSecond));
            return _burst;
        }
    }

    /// <summary>The pipe is repaired: both transmitters return to static pressure.</summary>
    public void Repair()
    {
        lock (_lock)
        {
            _burst = null;
        }
    }

    /// <summary>Samples both transmitters now (with noise) and writes them to their registers.</summary>
    public (double UpstreamKpa, double DownstreamKpa) Update()
    {
        var now = _timeProvider.GetUtcNow();
        double upstream;
        double downstream;
        lock (_lock)
        {
            upstream = Sample(now, _burst?.UpstreamArrival);
            downstream = Sample(now, _burst?.DownstreamArrival);
        }

        Write(_upstream, upstream);
        Write(_downstream, downstream);
        return (upstream, downstream);
    }

    /// <summary>Updates the registers every <paramref name="period"/> until cancelled.</summary>
    public async Task RunAsync(TimeSpan period, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(period, _timeProvider);
        Update();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                Update();
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping the simulation is its normal end.
        }
    }

    private double Sample(DateTimeOffset now, DateTimeOffset? waveArrival)
    {
        var noise = _options.NoiseKpa == 0 ? 0 : (_random.NextDouble() * 2 - 1) * _options.NoiseKpa;
        var drop = waveArrival is { } arrival && now >= arrival ? _burst!.DropKpa : 0;
        return _options.StaticPressureKpa - drop + noise;
    }

    private void Write(ModbusRegisterBank bank, double kpa)
    {
        var address = (ushort)_options.RegisterAddress;
        bank.SetValue(input: false, address, kpa, RegisterType.Float32, _options.WordOrder);
        bank.SetValue(input: true, address, kpa, RegisterType.Float32, _options.WordOrder);
    }
}
