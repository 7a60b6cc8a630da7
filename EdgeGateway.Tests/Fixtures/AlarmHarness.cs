using EdgeGateway.Alarms;
using EdgeGateway.Drivers;
using EdgeGateway.Drivers.Mattress;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>An alarm engine over the given rules, fed at explicit times, collecting every transition.</summary>
internal sealed class AlarmHarness(params IAlarmRule[] rules)
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 8, 0, 0, TimeSpan.Zero);

    public AlarmEngine Engine { get; } = new(rules, unacknowledgedEscalation: null);

    public List<AlarmTransition> Transitions { get; } = [];

    public static DateTimeOffset At(double seconds) => Start.AddSeconds(seconds);

    public static VitalsReading Vitals(string bed, double seconds, int? hr, int? rr, BedStatus status = BedStatus.AtRest, int signal = 80) =>
        new(bed, At(seconds), hr, rr, status == BedStatus.Moving, status != BedStatus.Empty, status, signal, null, null, null);

    public void Feed(DeviceEvent deviceEvent) => Engine.Process(deviceEvent, deviceEvent.Timestamp, Transitions);

    public void Tick(double seconds) => Engine.Tick(At(seconds), Transitions);

    /// <summary>One reading a second from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public void EverySecond(double from, double to, Func<double, DeviceEvent> reading)
    {
        for (var t = from; t <= to; t++)
        {
            Feed(reading(t));
        }
    }

    public AlarmTransition Single(AlarmState state) => Assert.Single(Transitions, t => t.State == state);

    public List<AlarmTransition> Take()
    {
        var taken = Transitions.ToList();
        Transitions.Clear();
        return taken;
    }
}
