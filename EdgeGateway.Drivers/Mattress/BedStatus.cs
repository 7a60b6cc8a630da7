namespace EdgeGateway.Drivers.Mattress;

/// <summary>The sensor's bed status field (docs/protocols/mattress.md §3); the numeric values are the wire codes.</summary>
public enum BedStatus
{
    /// <summary>Code 0: nobody in the bed; no vitals.</summary>
    Empty = 0,

    /// <summary>Code 1: occupied and still; the vitals are valid (RR 0 = no breathing detected).</summary>
    AtRest = 1,

    /// <summary>Code 2: occupied and moving; the vitals are not valid while the patient moves.</summary>
    Moving = 2,

    /// <summary>Code 3: occupied, but the signal is too weak to measure vitals.</summary>
    WeakSignal = 3,
}
