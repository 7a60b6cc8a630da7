using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Simulation;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Tests.Modbus;

public sealed class PipePressureSimulatorTests
{
    [Fact]
    public void The_negative_pressure_wave_reaches_each_end_after_distance_over_wave_speed()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var upstream = new ModbusRegisterBank();
        var downstream = new ModbusRegisterBank();
        var options = new PipePressureOptions { LengthMeters = 1000, WaveSpeedMetersPerSecond = 1000, StaticPressureKpa = 400, NoiseKpa = 0 };
        var pipe = new PipePressureSimulator(options, upstream, downstream, time, new Random(1));

        var burst = pipe.TriggerBurst(300, dropKpa: 100);
        time.Advance(TimeSpan.FromMilliseconds(299));
        var beforeEither = pipe.Update();
        time.Advance(TimeSpan.FromMilliseconds(1));
        var upstreamOnly = pipe.Update();
        time.Advance(TimeSpan.FromMilliseconds(399));
        var stillUpstreamOnly = pipe.Update();
        time.Advance(TimeSpan.FromMilliseconds(1));
        var both = pipe.Update();

        Assert.Equal(TimeSpan.FromMilliseconds(300), burst.UpstreamArrival - burst.StartedAt);
        Assert.Equal(TimeSpan.FromMilliseconds(700), burst.DownstreamArrival - burst.StartedAt);
        Assert.Equal((400.0, 400.0), beforeEither);
        Assert.Equal((300.0, 400.0), upstreamOnly);
        Assert.Equal((300.0, 400.0), stillUpstreamOnly);
        Assert.Equal((300.0, 300.0), both);
        Assert.Equal(300.0, RegisterCodec.Decode(upstream.GetHolding(0, 2), RegisterType.Float32, WordOrder.ABCD));
    }

    [Fact]
    public void Noise_is_small_and_seeded_and_a_random_drop_is_60_to_150_kPa()
    {
        var time = new FakeTimeProvider();
        var options = new PipePressureOptions { StaticPressureKpa = 400, NoiseKpa = 0.2 };
        var first = new PipePressureSimulator(options, new ModbusRegisterBank(), new ModbusRegisterBank(), time, new Random(7));
        var second = new PipePressureSimulator(options, new ModbusRegisterBank(), new ModbusRegisterBank(), time, new Random(7));

        var samples = Enumerable.Range(0, 200).Select(_ => first.Update()).ToList();
        var replay = Enumerable.Range(0, 200).Select(_ => second.Update()).ToList();
        var drop = first.TriggerBurst(500).DropKpa;

        Assert.Equal(samples, replay);
        Assert.All(samples, s => Assert.InRange(s.UpstreamKpa, 399.8, 400.2));
        Assert.InRange(drop, 60, 150);
    }

    [Fact]
    public async Task Run_updates_the_registers_on_each_tick_of_the_injected_clock()
    {
        var time = new FakeTimeProvider();
        var upstream = new ModbusRegisterBank();
        var pipe = new PipePressureSimulator(new PipePressureOptions { NoiseKpa = 0, StaticPressureKpa = 250 }, upstream, new ModbusRegisterBank(), time, new Random(3));
        using var stop = new CancellationTokenSource();

        var running = pipe.RunAsync(TimeSpan.FromMilliseconds(10), stop.Token);
        Assert.Equal(250.0, RegisterCodec.Decode(upstream.GetHolding(0, 2), RegisterType.Float32, WordOrder.ABCD));
        pipe.TriggerBurst(0, dropKpa: 80);
        time.Advance(TimeSpan.FromMilliseconds(10));
        await stop.CancelAsync();
        await running;

        Assert.Equal(170.0, RegisterCodec.Decode(upstream.GetHolding(0, 2), RegisterType.Float32, WordOrder.ABCD));
    }
}
