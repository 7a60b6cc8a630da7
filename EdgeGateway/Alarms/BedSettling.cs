using EdgeGateway.Drivers.Mattress;

namespace EdgeGateway.Alarms;

/// <summary>
/// Bed sensor values settle 60–120 s after a patient lies down (issue 6): until then they are not trusted
/// for vitals or signal-lost alarms. The first reading of a bed seen in bed counts as lying down, since
/// how long the patient has been there is unknown (after a restart, too).
/// </summary>
internal sealed class BedSettling(TimeSpan settling)
{
    private readonly Dictionary<string, DateTimeOffset> _inBedSince = new(StringComparer.Ordinal);

    /// <summary>Records the reading; true while its patient lay down less than the settling time ago (or is not in bed).</summary>
    public bool IsSettling(VitalsReading reading, DateTimeOffset now)
    {
        if (!reading.InBed)
        {
            _inBedSince.Remove(reading.DeviceId);
            return true;
        }

        if (!_inBedSince.TryGetValue(reading.DeviceId, out var since))
        {
            since = now;
            _inBedSince.Add(reading.DeviceId, since);
        }

        return now - since < settling;
    }
}
