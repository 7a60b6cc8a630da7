namespace EdgeGateway.Configuration;

/// <summary>How long a relay stays on for an alarm.</summary>
public enum RelayHold
{
    /// <summary>Until the alarm clears (a corridor light).</summary>
    Cleared,

    /// <summary>Until someone acknowledges it, or it clears (a buzzer).</summary>
    Acknowledged,
}
