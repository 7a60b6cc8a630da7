using EdgeGateway.Drivers;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Tests.Modbus;

/// <summary>
/// When line drivers poll, on a <see cref="TimerCountingTimeProvider"/>: the lines answer at once (a scripted transport),
/// so every reading carries the instant its poll was made at. The clock is stepped 1 ms at a time and, at each
/// instant a poll is expected, the test waits for its reading before stepping on, so it never outruns the drivers.
/// </summary>
public sealed class ModbusPollScheduleTests
{
    private static readonly TimeSpan Millisecond = TimeSpan.FromMilliseconds(1);

    // 7 ms past a multiple of 20 ms (FakeTimeProvider counts its timestamps in ticks from year 1).
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, 7, TimeSpan.Zero);

    [Fact]
    public async Task Two_lines_with_the_same_interval_poll_at_the_same_instants_on_one_timer_after_a_first_read_on_connect()
    {
        var time = new TimerCountingTimeProvider(Start);
        var clock = new ModbusPollClock(time);
        var sink = new DeviceEventSink();
        using var meters = new RecordingMeterFactory();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);

        var a = Run(Line(meters, clock, new ScriptedTransport(time), Transmitter("up", "127.0.0.1:1502", 20)), sink, stop.Token);
        var connectA = await sink.NextAsync<PressureReading>();
        await ParkedAsync(time, timers: 1);
        time.Advance(TimeSpan.FromMilliseconds(5));
        var b = Run(Line(meters, clock, new ScriptedTransport(time), Transmitter("down", "127.0.0.1:1503", 20)), sink, stop.Token);
        var connectB = await sink.NextAsync<PressureReading>();
        var polls = await StepAsync(time, sink, Start.AddMilliseconds(53), at => at.Millisecond % 20 == 0 ? 2 : 0);
        var timersAfter = time.TimersCreated;
        await stop.CancelAsync();
        await Task.WhenAll(a, b);

        Assert.Equal(("up", Start), (connectA.DeviceId, connectA.Timestamp));
        Assert.Equal(("down", Start.AddMilliseconds(5)), (connectB.DeviceId, connectB.Timestamp));
        Assert.Equal([20, 40, 60], polls.Where(r => r.DeviceId == "up").Select(r => r.Timestamp.Millisecond));
        Assert.Equal([20, 40, 60], polls.Where(r => r.DeviceId == "down").Select(r => r.Timestamp.Millisecond));
        // One timer per instant for both lines: .020, .040, .060 and .080 (armed by the polls at .060).
        Assert.Equal(4, timersAfter);
    }

    [Fact]
    public async Task A_poll_that_overran_its_next_instant_is_followed_by_one_poll_at_once_and_then_the_grid_again()
    {
        var time = new TimerCountingTimeProvider(Start);
        var clock = new ModbusPollClock(time);
        var sink = new DeviceEventSink();
        using var meters = new RecordingMeterFactory();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var transport = new ScriptedTransport(time);

        // The poll due at .020 takes 30 ms (a slow gateway): it ends at .050, after the instant .040 it overran.
        transport.Stall(2, TimeSpan.FromMilliseconds(30));
        var line = Run(Line(meters, clock, transport, Transmitter("p", "127.0.0.1:1502", 20)), sink, stop.Token);
        await sink.NextAsync<PressureReading>();
        await ParkedAsync(time, timers: 1);
        var polls = await StepAsync(time, sink, Start.AddMilliseconds(73), at => at.Millisecond switch { 50 => 2, 60 or 80 => 1, _ => 0 });
        await stop.CancelAsync();
        await line;

        Assert.Equal([50, 50, 60, 80], polls.Select(r => r.Timestamp.Millisecond));
        Assert.Equal([7, 20, 50, 60, 80], transport.Requests.Select(at => at.Millisecond));
    }

    [Fact]
    public async Task Devices_on_one_line_due_at_one_instant_are_polled_in_turn_in_config_order()
    {
        var time = new TimerCountingTimeProvider(Start);
        var clock = new ModbusPollClock(time);
        var sink = new DeviceEventSink();
        using var meters = new RecordingMeterFactory();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var second = Transmitter("second", "127.0.0.1:1502", 20);
        second.Options.UnitId = 2;
        var slow = Transmitter("slow", "127.0.0.1:1502", 40);
        slow.Options.UnitId = 3;

        var line = Run(Line(meters, clock, new ScriptedTransport(time), Transmitter("first", "127.0.0.1:1502", 20), second, slow), sink, stop.Token);
        for (var i = 0; i < 3; i++)
        {
            await sink.NextAsync<PressureReading>();
        }

        await ParkedAsync(time, timers: 1);
        var polls = await StepAsync(time, sink, Start.AddMilliseconds(73), at => at.Millisecond switch { 20 or 60 => 2, 40 or 80 => 3, _ => 0 });
        await stop.CancelAsync();
        await line;

        Assert.Equal(
            [("first", 20), ("second", 20), ("first", 40), ("second", 40), ("slow", 40), ("first", 60), ("second", 60), ("first", 80), ("second", 80), ("slow", 80)],
            polls.Select(r => (r.DeviceId, r.Timestamp.Millisecond)));
    }

    /// <summary>
    /// Waits until the lines started on the thread pool wait for their next instant (a timer each new one): from then
    /// on every poll runs on the test's thread, inside <see cref="FakeTimeProvider.Advance(TimeSpan)"/>.
    /// </summary>
    private static async Task ParkedAsync(TimerCountingTimeProvider time, int timers)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        while (time.TimersCreated < timers)
        {
            await Task.Delay(Millisecond, timeout.Token);
        }
    }

    /// <summary>Steps the clock 1 ms at a time to <paramref name="until"/>, taking the readings expected at each step.</summary>
    private static async Task<List<PressureReading>> StepAsync(TimerCountingTimeProvider time, DeviceEventSink sink, DateTimeOffset until, Func<DateTimeOffset, int> expectedAt)
    {
        var readings = new List<PressureReading>();
        while (time.GetUtcNow() < until)
        {
            time.Advance(Millisecond);
            for (var i = expectedAt(time.GetUtcNow()); i > 0; i--)
            {
                readings.Add(await sink.NextAsync<PressureReading>());
            }
        }

        Assert.Null(await sink.TryNextAsync(TimeSpan.FromMilliseconds(50)));
        return readings;
    }

    private static ModbusLineDriver Line(RecordingMeterFactory meters, ModbusPollClock clock, ScriptedTransport transport, params ModbusDevice[] devices) =>
        new(devices, () => transport, new DriverMetrics(meters), new ModbusMetrics(meters), NullLogger.Instance, clock, TimeSpan.FromMilliseconds(20), TimeSpan.FromMilliseconds(200));

    // Started on the thread pool, so the driver's continuations capture no test synchronisation context.
    private static Task Run(ModbusLineDriver driver, DeviceEventSink sink, CancellationToken cancellationToken) =>
        Task.Run(() => driver.RunAsync(sink, cancellationToken), CancellationToken.None);

    private static ModbusDevice Transmitter(string id, string tcp, int pollIntervalMs) =>
        new(id, ModbusDevice.PressureType, new ModbusDeviceOptions
        {
            Tcp = tcp,
            PollIntervalMs = pollIntervalMs,
            Points = [new ModbusPointOptions { Name = "pressure", Unit = "kPa" }],
        });

    /// <summary>Answers every read at once with 412.5 kPa, noting when each request was made; a request can be made to stall.</summary>
    private sealed class ScriptedTransport(TimeProvider time) : IModbusTransport
    {
        private readonly Dictionary<int, TimeSpan> _stalls = [];
        private readonly ushort[] _registers = new ushort[2];

        public List<DateTimeOffset> Requests { get; } = [];

        /// <summary>The <paramref name="request"/>th request (from 1) is answered <paramref name="after"/> it was made.</summary>
        public void Stall(int request, TimeSpan after) => _stalls[request] = after;

        public Task ConnectAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public async Task<int> ExchangeAsync(byte unitId, ReadOnlyMemory<byte> requestPdu, Memory<byte> responsePdu, TimeSpan timeout, CancellationToken cancellationToken)
        {
            Requests.Add(time.GetUtcNow());
            if (_stalls.TryGetValue(Requests.Count, out var stall))
            {
                await Task.Delay(stall, time, cancellationToken);
            }

            RegisterCodec.Encode(412.5, RegisterType.Float32, WordOrder.ABCD, _registers);
            return ModbusPdu.EncodeReadResponse((ModbusFunction)requestPdu.Span[0], _registers, responsePdu.Span);
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
