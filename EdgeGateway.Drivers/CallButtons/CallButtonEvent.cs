namespace EdgeGateway.Drivers.CallButtons;

/// <summary>What happened at the bedside call point (telemetry <c>data.event</c>).</summary>
public enum CallButtonEvent
{
    /// <summary>The patient pressed the call button.</summary>
    Pressed,

    /// <summary>Staff cancelled the call at the bedside (cancel contact, or a long press).</summary>
    Cancelled,
}
