using EdgeGateway.Drivers;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Drivers.Serial;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Tests.Mattress;

/// <summary>Simulator or raw pty → real SerialPort → driver → events, over openpty pairs.</summary>
public sealed class MattressDriverIntegrationTests : IDisposable
{
    private const string DeviceId = "bed-7";
    private static readonly TimeSpan EventTimeout = TimeSpan.FromSeconds(5);

    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("edgegw-mattress-");
    private readonly RecordingMeterFactory _meters = new();
    private readonly DeviceEventSink _events = new();
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
    private readonly FakeTimeProvider _sensorClock = new(new DateTimeOffset(2024, 6, 11, 2, 0, 0, TimeSpan.Zero));

    private string LinkPath => Path.Combine(_directory.FullName, "ttyBED7");

    [Fact]
    public async Task Simulated_frames_arrive_as_readings_with_exactly_the_simulated_values()
    {
        using var simulator = new MattressSimulator(LinkPath, _sensorClock, seed: 42);
        var driver = StartDriver();
        _ = simulator.RunAsync(_stop.Token);

        var connecting = Assert.IsType<DeviceStatusChange>(await NextAsync());
        Assert.Equal(DeviceState.Connecting, connecting.State);
        var readings = await CollectReadingsAsync(8, expectOnlineFirst: true);
        simulator.Condition = MattressCondition.Tachycardia;
        readings.AddRange(await CollectReadingsAsync(4, expectOnlineFirst: false));

        var replay = new MattressFrameGenerator(new Random(42));
        var expected = Enumerable.Range(0, 40)
            .Select(i => VitalsReading.FromFrame(DeviceId, default, replay.Next(i < 8 ? MattressCondition.InBedNormal : MattressCondition.Tachycardia, default)))
            .ToList();
        Assert.Equal(expected.Take(12), readings.Select(r => r with { Timestamp = default }));
        Assert.All(readings.Take(8), r => Assert.InRange(r.HrBpm!.Value, 60, 70));
        Assert.All(readings.Skip(8), r => Assert.InRange(r.HrBpm!.Value, 135, 150));
        Assert.Equal(12, _meters.Total("edgegw.driver.frames", ("device", DeviceId)));
        await StopAsync(driver);
    }

    [Fact]
    public async Task Garbage_truncated_and_corrupted_frames_are_counted_by_reason_and_no_valid_frame_is_lost()
    {
        using var pty = PseudoTerminal.Open(LinkPath);
        var driver = StartDriver();
        Assert.Equal(DeviceState.Connecting, Assert.IsType<DeviceStatusChange>(await NextAsync()).State);
        var corrupted = (byte[])MattressFrames.Apnea.Clone();
        corrupted[20] ^= 0x01;

        // The driver may open the port after these bytes are written: the pty queues them meanwhile.
        await pty.WriteAsync(MattressFrames.Concat(
            MattressFrames.Ascii("\u0001\u0002noise"), MattressFrames.AtRest,
            MattressFrames.Tachycardia.AsSpan(0, 25).ToArray(), MattressFrames.BedEmpty,
            corrupted, MattressFrames.Moving), _stop.Token);

        Assert.Equal(DeviceState.Online, Assert.IsType<DeviceStatusChange>(await NextAsync()).State);
        Assert.Equal(62, Assert.IsType<VitalsReading>(await NextAsync()).HrBpm);
        Assert.False(Assert.IsType<VitalsReading>(await NextAsync()).InBed);
        Assert.True(Assert.IsType<VitalsReading>(await NextAsync()).Moving);
        Assert.Equal(3, _meters.Total("edgegw.driver.frames", ("device", DeviceId)));
        Assert.Equal(1, _meters.Total("edgegw.driver.bad_frames", ("device", DeviceId), ("reason", "garbage")));
        Assert.Equal(1, _meters.Total("edgegw.driver.bad_frames", ("device", DeviceId), ("reason", "truncated")));
        Assert.Equal(1, _meters.Total("edgegw.driver.bad_frames", ("device", DeviceId), ("reason", "checksum")));
        await StopAsync(driver);
    }

    [Fact]
    public async Task Unplugging_makes_the_device_offline_and_replugging_at_the_same_path_brings_it_back_online()
    {
        using var simulator = new MattressSimulator(LinkPath, _sensorClock, seed: 7);
        var driver = StartDriver();
        _ = simulator.RunAsync(_stop.Token);
        Assert.Equal(DeviceState.Connecting, Assert.IsType<DeviceStatusChange>(await NextAsync()).State);
        await CollectReadingsAsync(2, expectOnlineFirst: true);

        simulator.Condition = MattressCondition.Unplugged;
        var offline = await NextStatusAsync();
        Assert.Equal(DeviceState.Offline, offline.State);
        Assert.Contains($"port {LinkPath} lost", offline.Detail, StringComparison.Ordinal);
        var deadline = DateTime.UtcNow + EventTimeout;
        while (_meters.Total("edgegw.driver.reconnects", ("device", DeviceId)) < 2)
        {
            Assert.True(DateTime.UtcNow < deadline, "the driver did not retry the vanished port");
            await Task.Yield();
        }

        simulator.Condition = MattressCondition.OutOfBed;
        var back = await CollectReadingsAsync(2, expectOnlineFirst: true);

        Assert.All(back, r => Assert.False(r.InBed));
        await StopAsync(driver);
    }

    [Fact]
    public async Task A_pty_closed_mid_frame_reconnects_and_the_half_frame_never_becomes_a_reading()
    {
        Task driver;
        using (var pty = PseudoTerminal.Open(LinkPath))
        {
            driver = StartDriver();
            Assert.Equal(DeviceState.Connecting, Assert.IsType<DeviceStatusChange>(await NextAsync()).State);
            await pty.WriteAsync(MattressFrames.AtRest, _stop.Token);
            Assert.Equal(DeviceState.Online, Assert.IsType<DeviceStatusChange>(await NextAsync()).State);
            Assert.Equal(62, Assert.IsType<VitalsReading>(await NextAsync()).HrBpm);

            // The cable is pulled in the middle of the next frame.
            await pty.WriteAsync(MattressFrames.Tachycardia.AsMemory(0, 30), _stop.Token);
        }

        Assert.Equal(DeviceState.Offline, (await NextStatusAsync()).State);
        using var replugged = PseudoTerminal.Open(LinkPath);
        await replugged.WriteAsync(MattressFrames.Moving, _stop.Token);

        Assert.Equal(DeviceState.Online, (await NextStatusAsync()).State);
        var next = Assert.IsType<VitalsReading>(await _events.NextAsync<Reading>());
        Assert.True(next.Moving);
        Assert.Equal(2, _meters.Total("edgegw.driver.frames", ("device", DeviceId)));
        Assert.True(_meters.Total("edgegw.driver.reconnects", ("device", DeviceId)) >= 1);
        await StopAsync(driver);
    }

    [Fact]
    public async Task A_port_missing_at_start_is_reported_offline_until_the_sensor_is_plugged_in()
    {
        var driver = StartDriver();
        Assert.Equal(DeviceState.Connecting, Assert.IsType<DeviceStatusChange>(await NextAsync()).State);

        var offline = Assert.IsType<DeviceStatusChange>(await NextAsync());
        Assert.Equal(DeviceState.Offline, offline.State);
        Assert.StartsWith($"cannot open port {LinkPath}: ", offline.Detail, StringComparison.Ordinal);

        using var simulator = new MattressSimulator(LinkPath, _sensorClock, seed: 3);
        _ = simulator.RunAsync(_stop.Token);
        Assert.Single(await CollectReadingsAsync(1, expectOnlineFirst: true));
        Assert.True(_meters.Total("edgegw.driver.reconnects", ("device", DeviceId)) >= 1);
        await StopAsync(driver);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _meters.Dispose();
        _directory.Delete(recursive: true);
    }

    private Task StartDriver()
    {
        var options = new MattressOptions { Port = LinkPath, ReconnectInitialDelayMs = 10, ReconnectMaxDelayMs = 100 };
        var driver = new MattressDriver(DeviceId, options, new DriverMetrics(_meters), NullLogger<MattressDriver>.Instance, TimeProvider.System);
        return driver.RunAsync(_events, _stop.Token);
    }

    private async Task StopAsync(Task driver)
    {
        await _stop.CancelAsync();
        await driver.WaitAsync(EventTimeout, TestContext.Current.CancellationToken);
    }

    private Task<DeviceEvent> NextAsync() => _events.NextAsync(EventTimeout);

    private async Task<DeviceStatusChange> NextStatusAsync()
    {
        while (true)
        {
            if (await NextAsync() is DeviceStatusChange status)
            {
                return status;
            }
        }
    }

    /// <summary>
    /// Ticks the sensor clock one frame at a time until <paramref name="count"/> readings arrived. A tick that
    /// lands before the simulator re-arms its timer sends nothing, so the clock is ticked again after a short
    /// wait; frames stay in order, which is all the exact comparison needs.
    /// </summary>
    private async Task<List<VitalsReading>> CollectReadingsAsync(int count, bool expectOnlineFirst)
    {
        var readings = new List<VitalsReading>();
        var deadline = DateTime.UtcNow + EventTimeout;
        while (readings.Count < count)
        {
            Assert.True(DateTime.UtcNow < deadline, $"only {readings.Count} of {count} readings arrived");
            _sensorClock.Advance(MattressSimulator.FrameInterval);
            DeviceEvent next;
            try
            {
                next = await _events.NextAsync(TimeSpan.FromMilliseconds(90));
            }
            catch (TimeoutException)
            {
                continue;
            }

            if (expectOnlineFirst)
            {
                var status = Assert.IsType<DeviceStatusChange>(next);
                Assert.Equal(DeviceState.Online, status.State);
                expectOnlineFirst = false;
                next = await NextAsync();
            }

            readings.Add(Assert.IsType<VitalsReading>(next));
        }

        return readings;
    }
}
