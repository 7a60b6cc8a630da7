using EdgeGateway.Alarms;

namespace EdgeGateway.Engine;

/// <summary>The answer to <c>alarms.ack</c> (admin socket) and <c>ackAlarm</c> (IoT Hub direct method).</summary>
public sealed record AlarmAcknowledgement(string AlarmId, string Type, string Subject, AlarmState State, string? AcknowledgedBy);
