using EdgeGateway.Drivers.Serial;

namespace EdgeGateway.Drivers.Mattress;

/// <summary>
/// A simulated under-mattress sensor on a pseudo-terminal: one frame per second (the SCA11H's rate, timed by
/// the injected <see cref="TimeProvider"/>) at a stable symlink <see cref="PortPath"/>, which is what the driver is
/// configured with. Setting <see cref="Condition"/> to <see cref="MattressCondition.Unplugged"/> closes the pty
/// (cable pulled); any other condition plugs a new one back in at the same path.
/// </summary>
public sealed class MattressSimulator : IDisposable
{
    /// <summary>The sensor's output rate.</summary>
    public static readonly TimeSpan FrameInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly TimeProvider _timeProvider;
    private readonly MattressFrameGenerator _generator;
    private readonly byte[] _frame = new byte[MattressFrameDecoder.MaxFrameLength];
    private PseudoTerminal? _terminal;
    private MattressCondition _condition = MattressCondition.InBedNormal;
    private bool _disposed;

    /// <param name="linkPath">Where the pty appears, e.g. <c>/run/edgegw/demo/ttyBED1</c>; its directory must exist.</param>
    /// <param name="timeProvider">Times the frames and the script.</param>
    /// <param name="seed">Seeds the vitals' variation, so a run can be replayed.</param>
    public MattressSimulator(string linkPath, TimeProvider timeProvider, int seed)
    {
        ArgumentException.ThrowIfNullOrEmpty(linkPath);
        ArgumentNullException.ThrowIfNull(timeProvider);
        PortPath = linkPath;
        _timeProvider = timeProvider;
        _generator = new MattressFrameGenerator(new Random(seed));
        _terminal = PseudoTerminal.Open(linkPath);
    }

    /// <summary>
    /// A demo script of about four minutes: normal night, tachycardia, apnea, the patient getting up, a displaced
    /// sensor, the USB cable pulled and plugged back.
    /// </summary>
    public static IReadOnlyList<MattressScenarioStep> DemoScript { get; } =
    [
        new(MattressCondition.InBedNormal, TimeSpan.FromSeconds(30)),
        new(MattressCondition.Tachycardia, TimeSpan.FromSeconds(30)),
        new(MattressCondition.InBedNormal, TimeSpan.FromSeconds(15)),
        new(MattressCondition.Apnea, TimeSpan.FromSeconds(30)),
        new(MattressCondition.InBedNormal, TimeSpan.FromSeconds(15)),
        new(MattressCondition.Moving, TimeSpan.FromSeconds(5)),
        new(MattressCondition.OutOfBed, TimeSpan.FromSeconds(60)),
        new(MattressCondition.InBedNormal, TimeSpan.FromSeconds(15)),
        new(MattressCondition.SignalLost, TimeSpan.FromSeconds(15)),
        new(MattressCondition.Unplugged, TimeSpan.FromSeconds(20)),
    ];

    /// <summary>The path to configure as the driver's <c>port</c>.</summary>
    public string PortPath { get; }

    public MattressCondition Condition
    {
        get
        {
            lock (_gate)
            {
                return _condition;
            }
        }

        set
        {
            lock (_gate)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (value == MattressCondition.Unplugged)
                {
                    _terminal?.Dispose();
                    _terminal = null;
                }
                else
                {
                    _terminal ??= PseudoTerminal.Open(PortPath);
                }

                _condition = value;
            }
        }
    }

    /// <summary>Sends a frame every <see cref="FrameInterval"/> in the current <see cref="Condition"/> until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await Task.Delay(FrameInterval, _timeProvider, cancellationToken);
            await SendFrameAsync(cancellationToken);
        }
    }

    /// <summary>Walks through <paramref name="script"/> (once, or forever with <paramref name="repeat"/>), setting <see cref="Condition"/>; run it beside <see cref="RunAsync"/>.</summary>
    public async Task PlayAsync(IReadOnlyList<MattressScenarioStep> script, bool repeat, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(script);
        do
        {
            foreach (var step in script)
            {
                Condition = step.Condition;
                await Task.Delay(step.Duration, _timeProvider, cancellationToken);
            }
        }
        while (repeat);
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            _terminal?.Dispose();
            _terminal = null;
        }
    }

    private async ValueTask SendFrameAsync(CancellationToken cancellationToken)
    {
        PseudoTerminal? terminal;
        int length;
        lock (_gate)
        {
            terminal = _terminal;
            if (terminal is null)
            {
                return;
            }

            length = MattressFrameEncoder.Encode(_generator.Next(_condition, _timeProvider.GetUtcNow()), _frame);
        }

        try
        {
            await terminal.WriteAsync(_frame.AsMemory(0, length), cancellationToken);
        }
        catch (Exception exception) when (exception is ObjectDisposedException or IOException)
        {
            // Unplugged between taking the frame and writing it: the frame is lost, as on a real cable.
        }
    }
}
