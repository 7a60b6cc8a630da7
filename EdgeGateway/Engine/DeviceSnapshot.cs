using EdgeGateway.Configuration;
using EdgeGateway.Drivers;

namespace EdgeGateway.Engine;

/// <summary>One device as <c>edgegw status</c> and <c>edgegw devices</c> show it.</summary>
public sealed record DeviceSnapshot(
    string Id,
    string Type,
    DeviceState State,
    string? Detail,
    long Frames,
    double? LastFrameAgeSeconds,
    LocationOptions Location);
