namespace EdgeGateway.Tests.Fixtures;

/// <summary>One nurse call placed by an <see cref="EndToEndWard"/>: the alarm it raised on the embedded broker, and how long after the press that was seen.</summary>
public sealed record EndToEndCall(string AlarmId, TimeSpan RaisedAfter);
