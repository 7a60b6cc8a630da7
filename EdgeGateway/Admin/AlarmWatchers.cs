using System.Diagnostics.Metrics;
using System.Threading.Channels;
using EdgeGateway.Alarms;
using EdgeGateway.Drivers;
using EdgeGateway.Engine;

namespace EdgeGateway.Admin;

/// <summary>
/// The admin socket's live alarm stream (<c>edgegw alarms --watch</c>): every transition is handed to each
/// watcher's own queue without waiting; a watcher that does not read loses its oldest lines, counted.
/// </summary>
public sealed class AlarmWatchers : IAlarmAnnunciator
{
    private const int Backlog = 1024;

    private readonly Lock _gate = new();
    private readonly List<Channel<AlarmTransition>> _watchers = [];
    private readonly Counter<long> _dropped;

    public AlarmWatchers(IMeterFactory meterFactory)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _dropped = meterFactory.Create(DriverMetrics.MeterName)
            .CreateCounter<long>("edgegw.admin.watch_dropped", "{transition}", "Alarm transitions a slow alarms --watch client missed");
    }

    public void Announce(AlarmTransition transition)
    {
        lock (_gate)
        {
            foreach (var watcher in _watchers)
            {
                if (watcher.Reader.Count >= Backlog)
                {
                    _dropped.Add(1);
                }

                watcher.Writer.TryWrite(transition);
            }
        }
    }

    /// <summary>A new watcher's queue; disposing the subscription removes it.</summary>
    public Subscription Watch()
    {
        var channel = Channel.CreateBounded<AlarmTransition>(new BoundedChannelOptions(Backlog) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_gate)
        {
            _watchers.Add(channel);
        }

        return new Subscription(this, channel);
    }

    private void Remove(Channel<AlarmTransition> channel)
    {
        lock (_gate)
        {
            _watchers.Remove(channel);
        }
    }

    /// <summary>One watcher: read <see cref="Transitions"/> until done, then dispose.</summary>
    public sealed class Subscription(AlarmWatchers owner, Channel<AlarmTransition> channel) : IDisposable
    {
        public ChannelReader<AlarmTransition> Transitions => channel.Reader;

        public void Dispose() => owner.Remove(channel);
    }
}
