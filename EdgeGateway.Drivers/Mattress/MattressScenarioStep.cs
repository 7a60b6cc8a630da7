namespace EdgeGateway.Drivers.Mattress;

/// <summary>One step of a simulator script: hold <paramref name="Condition"/> for <paramref name="Duration"/>.</summary>
public sealed record MattressScenarioStep(MattressCondition Condition, TimeSpan Duration);
