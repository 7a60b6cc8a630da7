namespace EdgeGateway.Drivers.Mattress;

/// <summary>What the simulated sensor sees in a scenario step (or that its cable is pulled).</summary>
public enum MattressCondition
{
    /// <summary>Patient in bed at rest with normal vitals (HR 60-70, RR 12-16).</summary>
    InBedNormal,

    /// <summary>Patient moving in bed: presence kept, vitals not measured.</summary>
    Moving,

    /// <summary>Patient got up: bed empty.</summary>
    OutOfBed,

    /// <summary>Patient in bed at rest, not breathing: RR 0.</summary>
    Apnea,

    /// <summary>Patient in bed at rest with a high heart rate (135-150 bpm).</summary>
    Tachycardia,

    /// <summary>Occupied but the signal is too weak to measure (sensor displaced).</summary>
    SignalLost,

    /// <summary>The USB adapter is unplugged: the pty is gone, no frames.</summary>
    Unplugged,
}
