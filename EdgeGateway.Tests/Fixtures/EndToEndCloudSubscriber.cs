using System.Buffers;
using MQTTnet;
using MQTTnet.Formatter;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// The cloud side of the end-to-end suite: an MQTTnet client with a persistent session (clean session
/// false, QoS 1) on the cloud broker that records every message it receives, duplicates included, before
/// acknowledging it. When the broker goes away it reconnects on its own, and the broker's persistence
/// hands it whatever was queued for it meanwhile.
/// </summary>
public sealed class EndToEndCloudSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client;
    private readonly MqttClientOptions _options;
    private readonly string _filter;
    private readonly CancellationTokenSource _closing = new();
    private readonly Lock _gate = new();
    private readonly List<EndToEndCloudMessage> _messages = [];
    private readonly HashSet<long> _seqs = [];
    private TaskCompletionSource _arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _reconnecting = Task.CompletedTask;
    private long _contiguous;

    private EndToEndCloudSubscriber(IMqttClient client, MqttClientOptions options, string filter)
    {
        _client = client;
        _options = options;
        _filter = filter;
    }

    /// <summary>Deliveries so far, duplicates included.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _messages.Count;
            }
        }
    }

    /// <summary>Distinct seqs received so far.</summary>
    public int DistinctCount
    {
        get
        {
            lock (_gate)
            {
                return _seqs.Count;
            }
        }
    }

    /// <summary>The highest n such that every seq 1..n has been received.</summary>
    public long Contiguous
    {
        get
        {
            lock (_gate)
            {
                return _contiguous;
            }
        }
    }

    public static async Task<EndToEndCloudSubscriber> ConnectAsync(int port, string clientId, string filter, CancellationToken cancellationToken)
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId)
            .WithProtocolVersion(MqttProtocolVersion.V311)
            .WithCleanSession(false)
            .WithKeepAlivePeriod(TimeSpan.FromSeconds(5))
            .Build();
        var subscriber = new EndToEndCloudSubscriber(new MqttClientFactory().CreateMqttClient(), options, filter);
        subscriber._client.ApplicationMessageReceivedAsync += e =>
        {
            subscriber.Record(e.ApplicationMessage.Topic, e.ApplicationMessage.Payload);
            return Task.CompletedTask;
        };
        subscriber._client.DisconnectedAsync += _ =>
        {
            subscriber.Reconnect();
            return Task.CompletedTask;
        };
        await subscriber.ConnectOnceAsync(cancellationToken);
        return subscriber;
    }

    /// <summary>Every delivery so far, in arrival order.</summary>
    public List<EndToEndCloudMessage> Snapshot()
    {
        lock (_gate)
        {
            return [.. _messages];
        }
    }

    /// <summary>Waits until every seq 1..<paramref name="seq"/> has arrived.</summary>
    public Task WaitForSeqsAsync(long seq, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitUntilAsync(() => _contiguous >= seq, $"every seq 1..{seq}", timeout, cancellationToken);

    /// <summary>Waits until <paramref name="count"/> distinct seqs have arrived.</summary>
    public Task WaitForDistinctAsync(long count, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitUntilAsync(() => _seqs.Count >= count, $"{count} distinct seqs", timeout, cancellationToken);

    /// <summary>Waits until the transition <paramref name="state"/> of alarm <paramref name="alarmId"/> has arrived.</summary>
    public Task<EndToEndCloudMessage> WaitForAlarmAsync(string alarmId, string state, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForAsync(m => m.AlarmId == alarmId && m.State == state, 0, $"alarm {alarmId} {state}", timeout, cancellationToken);

    /// <summary>The first delivery from arrival <paramref name="fromArrival"/> on that matches, as soon as it arrives.</summary>
    public async Task<EndToEndCloudMessage> WaitForAsync(Func<EndToEndCloudMessage, bool> match, int fromArrival, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(match);
        EndToEndCloudMessage? found = null;
        var next = fromArrival;
        await WaitUntilAsync(
            () =>
            {
                for (; next < _messages.Count && found is null; next++)
                {
                    found = match(_messages[next]) ? _messages[next] : null;
                }

                return found is not null;
            },
            what,
            timeout,
            cancellationToken);
        return found!;
    }

    public async ValueTask DisposeAsync()
    {
        await _closing.CancelAsync();
        try
        {
            await _reconnecting;
        }
        catch (OperationCanceledException)
        {
            // Closing while the broker was away.
        }

        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
        _closing.Dispose();
    }

    /// <param name="condition">Evaluated under the lock, at once and after each arrival.</param>
    private async Task WaitUntilAsync(Func<bool> condition, string what, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        while (true)
        {
            Task arrival;
            lock (_gate)
            {
                if (condition())
                {
                    return;
                }

                arrival = _arrived.Task;
            }

            try
            {
                await arrival.WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the cloud subscriber did not receive {what} within {timeout}: {DistinctCount} distinct seqs, every seq up to {Contiguous}, {Count} deliveries");
            }
        }
    }

    private void Record(string topic, ReadOnlySequence<byte> payload)
    {
        TaskCompletionSource arrived;
        lock (_gate)
        {
            var message = EndToEndCloudMessage.Parse(_messages.Count, topic, payload.ToArray());
            _messages.Add(message);
            _seqs.Add(message.Seq);
            while (_seqs.Contains(_contiguous + 1))
            {
                _contiguous++;
            }

            arrived = _arrived;
            _arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        arrived.TrySetResult();
    }

    private void Reconnect()
    {
        lock (_gate)
        {
            if (_closing.IsCancellationRequested || !_reconnecting.IsCompleted)
            {
                return;
            }

            _reconnecting = Task.Run(ReconnectAsync);
        }
    }

    private async Task ReconnectAsync()
    {
        while (!_client.IsConnected)
        {
            try
            {
                await ConnectOnceAsync(_closing.Token);
            }
#pragma warning disable CA1031 // Refused, reset, timed out: whatever the reason, the broker is not back yet.
            catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
            {
                // The broker is still away (the test stopped it): try again shortly.
                await Task.Delay(50, _closing.Token);
            }
        }
    }

    private async Task ConnectOnceAsync(CancellationToken cancellationToken)
    {
        var result = await _client.ConnectAsync(_options, cancellationToken);
        if (!result.IsSessionPresent)
        {
            var subscribe = new MqttClientSubscribeOptionsBuilder().WithTopicFilter(f => f.WithTopic(_filter).WithAtLeastOnceQoS()).Build();
            await _client.SubscribeAsync(subscribe, cancellationToken);
        }
    }
}
