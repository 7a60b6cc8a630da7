using System.Globalization;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.Modbus;

namespace EdgeGateway.Alarms;

/// <summary>
/// Pipe burst (design.md §5): a transmitter's pressure falls by at least the threshold below its recent
/// level, the median of the samples of the last window. A median, not a maximum, so that a pump start's
/// overshoot is not taken for the level the pressure then "drops" from; a change slower than the threshold
/// per half window never reaches it. A transmitter of a configured pipe waits (at most the wave's travel
/// time plus two samples) for the other end, then the alarm is raised on the pipe with the leak located by
/// <see cref="PressureWaveLocator"/>; without the other end's drop it is raised unlocated. Cleared once
/// every transmitter that dropped is back within half the threshold of its level for the recovery hold.
/// </summary>
public sealed class PipeBurstRule : IAlarmRule
{
    public const string AlarmType = "pipe_burst";
    private const string LevelField = "levelKpa";
    private const string UpstreamLevelField = "upstreamLevelKpa";
    private const string DownstreamLevelField = "downstreamLevelKpa";

    private readonly double _thresholdKpa;
    private readonly TimeSpan _window;
    private readonly TimeSpan _recoveryHold;
    private readonly AlarmPriority _priority;
    private readonly Dictionary<string, Transmitter> _transmitters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Pipe> _pipeOf = new(StringComparer.Ordinal);
    private readonly List<Pipe> _pipes = [];

    public PipeBurstRule(double dropThresholdKpa, TimeSpan window, TimeSpan recoveryHold, AlarmPriority priority, IEnumerable<PipePair> pipes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(dropThresholdKpa);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(window, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(pipes);
        _thresholdKpa = dropThresholdKpa;
        _window = window;
        _recoveryHold = recoveryHold;
        _priority = priority;
        foreach (var pair in pipes)
        {
            var pipe = new Pipe(pair, new PressureWaveLocator(pair.LengthM, pair.WaveSpeedMps, pair.SamplingInterval), Get(pair.UpstreamDeviceId), Get(pair.DownstreamDeviceId));
            _pipes.Add(pipe);
            _pipeOf.Add(pair.UpstreamDeviceId, pipe);
            _pipeOf.Add(pair.DownstreamDeviceId, pipe);
        }
    }

    public void Observe(DeviceEvent deviceEvent, DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        if (deviceEvent is not PressureReading reading)
        {
            return;
        }

        var transmitter = Get(reading.DeviceId);
        var detected = Sample(transmitter, reading.Timestamp, reading.PressureKpa, now);
        _pipeOf.TryGetValue(reading.DeviceId, out var pipe);
        if (pipe is null)
        {
            if (detected)
            {
                transmitter.Alarmed = true;
                conditions.Add(Raise(reading.DeviceId, reading.DeviceId, transmitter.DropKpa, location: null,
                    string.Create(CultureInfo.InvariantCulture, $"pressure at {reading.DeviceId} dropped by {transmitter.DropKpa:0.#} kPa"),
                    [(LevelField, transmitter)]));
            }
            else if (transmitter.Alarmed && Recovered(transmitter, now))
            {
                transmitter.Alarmed = false;
                transmitter.Reset();
                conditions.Add(Clear(reading.DeviceId, reading.DeviceId, $"pressure at {reading.DeviceId} is back"));
            }

            return;
        }

        if (detected && !pipe.Alarmed && pipe.WaitingSince is null)
        {
            pipe.WaitingSince = now;
        }

        Check(pipe, now, conditions);
    }

    public void Tick(DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        foreach (var pipe in _pipes)
        {
            Check(pipe, now, conditions);
        }
    }

    private void Check(Pipe pipe, DateTimeOffset now, ICollection<AlarmCondition> conditions)
    {
        var (up, down) = (pipe.Upstream, pipe.Downstream);
        if (pipe.Alarmed)
        {
            if ((!up.Dropped || Recovered(up, now)) && (!down.Dropped || Recovered(down, now)))
            {
                pipe.Alarmed = false;
                up.Reset();
                down.Reset();
                conditions.Add(Clear(pipe.Pair.Id, null, $"pressure on pipe {pipe.Pair.Id} is back"));
            }

            return;
        }

        if (pipe.WaitingSince is not { } waiting)
        {
            return;
        }

        var drop = Math.Max(up.Dropped ? up.DropKpa : 0, down.Dropped ? down.DropKpa : 0);
        if (up.Dropped && down.Dropped && (up.DetectedAt - down.DetectedAt).Duration() <= pipe.Locator.MaxArrivalSpread)
        {
            var location = pipe.Locator.Locate(new SampleBracket(up.LastBeforeDrop, up.DetectedAt), new SampleBracket(down.LastBeforeDrop, down.DetectedAt));
            Raise(pipe, conditions, drop, location,
                string.Create(CultureInfo.InvariantCulture, $"burst on pipe {pipe.Pair.Id} at {location.PositionM:0} ± {location.UncertaintyM:0} m from {pipe.Pair.UpstreamDeviceId}, drop {drop:0.#} kPa"));
        }
        else if (now - waiting > pipe.Locator.MaxArrivalSpread + pipe.Pair.SamplingInterval + pipe.Pair.SamplingInterval)
        {
            var at = up.Dropped ? pipe.Pair.UpstreamDeviceId : pipe.Pair.DownstreamDeviceId;
            Raise(pipe, conditions, drop, location: null,
                string.Create(CultureInfo.InvariantCulture, $"burst on pipe {pipe.Pair.Id}: pressure at {at} dropped by {drop:0.#} kPa, not seen at the other end (not located)"));
        }
    }

    private void Raise(Pipe pipe, ICollection<AlarmCondition> conditions, double drop, LeakLocation? location, string message)
    {
        pipe.Alarmed = true;
        pipe.WaitingSince = null;
        conditions.Add(Raise(pipe.Pair.Id, null, drop, location, message, [(UpstreamLevelField, pipe.Upstream), (DownstreamLevelField, pipe.Downstream)]));
    }

    /// <summary>
    /// A restored burst: each transmitter that had dropped must again be back within half the threshold of
    /// the level it had before the drop (kept in the alarm's values) for the recovery hold; no reading keeps
    /// it. A pipe no longer configured, or a lone transmitter now on a pipe, is <see cref="AlarmAdoption.SubjectRemoved"/>.
    /// </summary>
    public AlarmAdoption Adopt(ActiveAlarm alarm, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        if (alarm.Type != AlarmType)
        {
            return AlarmAdoption.NotThisRule;
        }

        if (_pipes.FirstOrDefault(p => p.Pair.Id == alarm.Subject) is { } pipe)
        {
            pipe.Alarmed = true;
            pipe.WaitingSince = null;
            RestoreDrop(pipe.Upstream, alarm, UpstreamLevelField);
            RestoreDrop(pipe.Downstream, alarm, DownstreamLevelField);
            return AlarmAdoption.Adopted;
        }

        if (alarm.DeviceId is null || _pipeOf.ContainsKey(alarm.Subject))
        {
            return AlarmAdoption.SubjectRemoved;
        }

        var transmitter = Get(alarm.Subject);
        transmitter.Alarmed = true;
        RestoreDrop(transmitter, alarm, LevelField);
        return AlarmAdoption.Adopted;
    }

    /// <summary>A transmitter that had dropped waits for its recovery again; one that had not is watched afresh.</summary>
    private static void RestoreDrop(Transmitter transmitter, ActiveAlarm alarm, string levelField)
    {
        if (alarm.Values.TryGetValue(levelField, out var level))
        {
            transmitter.Dropped = true;
            transmitter.LevelKpa = level;
            transmitter.RecoveredSince = null;
        }
    }

    /// <summary>Adds one sample; true when it is the first one of a drop.</summary>
    private bool Sample(Transmitter transmitter, DateTimeOffset sampledAt, double kpa, DateTimeOffset now)
    {
        var samples = transmitter.Samples;
        while (samples.Count > 0 && sampledAt - samples.Peek().At > _window)
        {
            transmitter.Level.Remove(samples.Dequeue().Kpa);
        }

        var detected = false;
        if (transmitter.Dropped)
        {
            transmitter.RecoveredSince = kpa >= transmitter.LevelKpa - (_thresholdKpa / 2) ? transmitter.RecoveredSince ?? now : null;
        }
        else if (samples.Count > 0)
        {
            var level = transmitter.Level.Median;
            if (level - kpa >= _thresholdKpa)
            {
                detected = true;
                transmitter.Dropped = true;
                transmitter.LastBeforeDrop = transmitter.LastSampleAt;
                transmitter.DetectedAt = sampledAt;
                transmitter.LevelKpa = level;
                transmitter.DropKpa = level - kpa;
            }
        }

        transmitter.LastSampleAt = sampledAt;

        // The samples of a drop would become the new level: the window restarts after recovery.
        if (!transmitter.Dropped)
        {
            samples.Enqueue((sampledAt, kpa));
            transmitter.Level.Add(kpa);
        }

        return detected;
    }

    private bool Recovered(Transmitter transmitter, DateTimeOffset now) =>
        transmitter.RecoveredSince is { } since && now - since >= _recoveryHold;

    private Transmitter Get(string deviceId)
    {
        if (!_transmitters.TryGetValue(deviceId, out var transmitter))
        {
            transmitter = new Transmitter();
            _transmitters.Add(deviceId, transmitter);
        }

        return transmitter;
    }

    /// <param name="levels">The transmitters of the alarm and the value naming each one's level before the drop.</param>
    private AlarmCondition Raise(string subject, string? deviceId, double dropKpa, LeakLocation? location, string message, ReadOnlySpan<(string Field, Transmitter Transmitter)> levels)
    {
        var values = new Dictionary<string, double> { ["dropKpa"] = Math.Round(dropKpa, 3) };
        if (location is { } at)
        {
            values["positionM"] = Math.Round(at.PositionM, 1);
            values["uncertaintyM"] = Math.Round(at.UncertaintyM, 1);
        }

        // The level each dropped transmitter must recover to: after a restart, what clears the alarm.
        foreach (var (field, transmitter) in levels)
        {
            if (transmitter.Dropped)
            {
                values[field] = Math.Round(transmitter.LevelKpa, 3);
            }
        }

        return new AlarmCondition(AlarmType, subject, deviceId, Active: true, _priority, message, values);
    }

    private AlarmCondition Clear(string subject, string? deviceId, string message) =>
        new(AlarmType, subject, deviceId, Active: false, _priority, message, new Dictionary<string, double>());

    private sealed class Transmitter
    {
        public Queue<(DateTimeOffset At, double Kpa)> Samples { get; } = new();

        /// <summary>The median of <see cref="Samples"/>: the level a drop is measured from.</summary>
        public SlidingMedian Level { get; } = new();

        public bool Dropped { get; set; }

        /// <summary>The sample time of the first sample of the drop: the wave arrived by then.</summary>
        public DateTimeOffset DetectedAt { get; set; }

        /// <summary>The sample time of the last sample before the drop: the wave arrived after it.</summary>
        public DateTimeOffset LastBeforeDrop { get; set; }

        /// <summary>The time of the latest sample taken.</summary>
        public DateTimeOffset LastSampleAt { get; set; }

        /// <summary>The level before the drop.</summary>
        public double LevelKpa { get; set; }

        public double DropKpa { get; set; }

        public DateTimeOffset? RecoveredSince { get; set; }

        /// <summary>For a transmitter that is not on a configured pipe.</summary>
        public bool Alarmed { get; set; }

        public void Reset()
        {
            Dropped = false;
            RecoveredSince = null;
            Samples.Clear();
            Level.Clear();
        }
    }

    private sealed class Pipe(PipePair pair, PressureWaveLocator locator, Transmitter upstream, Transmitter downstream)
    {
        public PipePair Pair { get; } = pair;

        public PressureWaveLocator Locator { get; } = locator;

        public Transmitter Upstream { get; } = upstream;

        public Transmitter Downstream { get; } = downstream;

        public DateTimeOffset? WaitingSince { get; set; }

        public bool Alarmed { get; set; }
    }
}
