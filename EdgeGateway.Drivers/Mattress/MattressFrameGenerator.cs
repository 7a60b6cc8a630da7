namespace EdgeGateway.Drivers.Mattress;

/// <summary>
/// Plausible SCA11H frames for a simulated patient. Deterministic for a given <see cref="Random"/> seed, so a
/// test can replay the exact frames the simulator sent.
/// </summary>
public sealed class MattressFrameGenerator(Random random)
{
    private readonly Random _random = random ?? throw new ArgumentNullException(nameof(random));

    /// <summary>The frame the sensor sends at <paramref name="sensorTime"/> under <paramref name="condition"/>.</summary>
    public MattressFrame Next(MattressCondition condition, DateTimeOffset sensorTime)
    {
        var seconds = sensorTime.ToUnixTimeSeconds();
        return condition switch
        {
            MattressCondition.InBedNormal => AtRest(seconds, heartRate: _random.Next(60, 71), respiration: _random.Next(12, 17), strokeVolume: _random.Next(70, 86), hrv: _random.Next(35, 56)),
            MattressCondition.Apnea => AtRest(seconds, heartRate: _random.Next(60, 71), respiration: 0, strokeVolume: _random.Next(70, 86), hrv: _random.Next(35, 56)),
            MattressCondition.Tachycardia => AtRest(seconds, heartRate: _random.Next(135, 151), respiration: _random.Next(20, 25), strokeVolume: _random.Next(55, 66), hrv: _random.Next(8, 16)),
            MattressCondition.Moving => new MattressFrame(seconds, 0, 0, 0, 0, _random.Next(2500, 3201), BedStatus.Moving, 0, 0, 0),
            MattressCondition.SignalLost => new MattressFrame(seconds, 0, 0, 0, 0, _random.Next(10, 61), BedStatus.WeakSignal, 0, 0, 0),
            MattressCondition.OutOfBed => new MattressFrame(seconds, 0, 0, 0, 0, 0, BedStatus.Empty, 0, 0, 0),
            _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "an unplugged sensor sends no frame"),
        };
    }

    private MattressFrame AtRest(long seconds, int heartRate, int respiration, int strokeVolume, int hrv)
    {
        var beat = 60_000 / heartRate;
        return new MattressFrame(
            seconds, heartRate, respiration, strokeVolume, hrv, _random.Next(1400, 1801), BedStatus.AtRest,
            beat + _random.Next(-15, 16), beat + _random.Next(-15, 16), beat + _random.Next(-15, 16));
    }
}
