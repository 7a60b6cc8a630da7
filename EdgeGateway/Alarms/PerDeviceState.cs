using System.Runtime.InteropServices;

namespace EdgeGateway.Alarms;

/// <summary>The state a rule keeps per device (a bed, a button), created on the device's first reading.</summary>
internal static class PerDeviceState
{
    public static TState For<TState>(this Dictionary<string, TState> states, string deviceId)
        where TState : class, new()
    {
        ref var state = ref CollectionsMarshal.GetValueRefOrAddDefault(states, deviceId, out _);
        return state ??= new TState();
    }
}
