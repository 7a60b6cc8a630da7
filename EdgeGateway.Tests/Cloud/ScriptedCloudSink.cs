using System.Collections.Concurrent;
using System.Threading.Channels;
using EdgeGateway.Cloud;
using EdgeGateway.Outbox;

namespace EdgeGateway.Tests.Cloud;

/// <summary>
/// A cloud sink whose answer to each publish is scripted: acknowledge, refuse, or drop the connection. It
/// records every publish attempt in order, and the most publishes ever waiting for an answer at once.
/// </summary>
internal sealed class ScriptedCloudSink : ICloudSink
{
    private readonly Func<OutboxRecord, int, Task> _answer;
    private readonly ConcurrentDictionary<long, int> _attempts = new();
    private int _inFlight;
    private int _maxInFlight;
    private volatile bool _connected;

    /// <param name="answer">Given the record and its attempt number (1-based); completes to acknowledge, throws to refuse or fail.</param>
    public ScriptedCloudSink(Func<OutboxRecord, int, Task>? answer = null) => _answer = answer ?? ((_, _) => Task.CompletedTask);

    public string Endpoint => "scripted://cloud";

    public bool IsConnected => _connected;

    public bool CredentialsNeedRenewal { get; set; }

    public int Connects { get; private set; }

    public int MaxInFlight => Volatile.Read(ref _maxInFlight);

    /// <summary>Every publish attempt, in the order they started.</summary>
    public Channel<OutboxRecord> Attempts { get; } = Channel.CreateUnbounded<OutboxRecord>();

    /// <summary>Every acknowledged publish, in the order they were acknowledged.</summary>
    public ConcurrentQueue<OutboxRecord> Acknowledged { get; } = new();

    public Task ConnectAsync(CancellationToken cancellationToken)
    {
        Connects++;
        _connected = true;
        CredentialsNeedRenewal = false;
        return Task.CompletedTask;
    }

    public void Drop() => _connected = false;

    public async Task PublishAsync(OutboxRecord record, CancellationToken cancellationToken)
    {
        if (!_connected)
        {
            throw new CloudUnavailableException("not connected");
        }

        var now = Interlocked.Increment(ref _inFlight);
        InterlockedMax(ref _maxInFlight, now);
        Attempts.Writer.TryWrite(record);
        try
        {
            await _answer(record, _attempts.AddOrUpdate(record.Seq, 1, (_, n) => n + 1));
            Acknowledged.Enqueue(record);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }

    public Task DisconnectAsync(CancellationToken cancellationToken)
    {
        _connected = false;
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => default;

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
