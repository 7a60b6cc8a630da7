using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using EdgeGateway.Admin;
using EdgeGateway.Drivers.Modbus;
using EdgeGateway.Drivers.Modbus.Simulation;
using EdgeGateway.Hosting;

namespace EdgeGateway.Tests.Fixtures;

/// <summary>
/// A ward under load around the built daemon, for the end-to-end delivery suite: pressure transmitters on
/// Modbus TCP polled fast, an MQTT call button on the daemon's embedded broker, and the cloud as Debian's
/// Mosquitto over TLS with a persistent subscriber that records everything. The daemon is a child process
/// (<c>edgegw run --config …</c>) the test starts, kills and restarts. The ward owns its directory, ports and
/// processes and kills whatever is left when it is disposed, also after a failure.
/// </summary>
public sealed class EndToEndWard : IAsyncDisposable
{
    public const string GatewayId = "ward-test";
    public const string CallButtonId = "call-1";
    private const string CallTopic = "ward/e2e/call-1";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    private readonly EndToEndWardLoad _load;
    private readonly TempDirectory _dir = new();
    private readonly List<ModbusSlave> _slaves = [];
    private readonly List<ModbusTcpSlaveSimulator> _servers = [];
    private readonly CancellationToken _ct = TestContext.Current.CancellationToken;
    private MosquittoCertificates? _certificates;
    private MosquittoBroker? _cloud;
    private EndToEndCloudSubscriber? _subscriber;
    private string _config = "";

    private EndToEndWard(EndToEndWardLoad load) => _load = load;

    /// <summary>The cloud broker: stop it for an outage, start it again on the same ports with its persistence.</summary>
    public MosquittoBroker Cloud => _cloud ?? throw new InvalidOperationException("not started");

    public EndToEndCloudSubscriber Subscriber => _subscriber ?? throw new InvalidOperationException("not started");

    /// <summary>The running daemon, or null between a stop and the next start.</summary>
    public EdgegwProcess? Daemon { get; private set; }

    public int LocalBrokerPort { get; private set; }

    public IReadOnlyList<string> TransmitterIds => [.. Enumerable.Range(1, _load.Transmitters).Select(i => $"pt-{i}")];

    public static async Task<EndToEndWard> StartAsync(EndToEndWardLoad load, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(load);
        MosquittoBroker.Require();
        var ward = new EndToEndWard(load);
        try
        {
            await ward.OpenAsync(cancellationToken);
            return ward;
        }
        catch
        {
            await ward.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts <c>edgegw run</c> and returns once it reported READY.</summary>
    public async Task<EdgegwProcess> StartDaemonAsync()
    {
        if (Daemon is not null)
        {
            throw new InvalidOperationException("the daemon is already running");
        }

        Daemon = EdgegwProcess.Start("run", "--config", _config);
        await Daemon.WaitForLineAsync(line => line.Contains("ready in", StringComparison.Ordinal), Wait);
        return Daemon;
    }

    /// <summary>Waits for a line of the running daemon containing <paramref name="text"/>, printed at or after line <paramref name="fromLine"/>.</summary>
    public async Task<string> WaitForDaemonLineAsync(string text, int fromLine = 0, TimeSpan? timeout = null)
    {
        var daemon = Daemon ?? throw new InvalidOperationException("no daemon is running");
        var limit = Stopwatch.StartNew();
        var budget = timeout ?? Wait;
        while (true)
        {
            // The output list is the record; the line channel only wakes this up when something new is printed.
            if (daemon.Output.Skip(fromLine).FirstOrDefault(line => line.Contains(text, StringComparison.Ordinal)) is { } found)
            {
                return found;
            }

            var left = budget - limit.Elapsed;
            if (left <= TimeSpan.Zero)
            {
                throw new TimeoutException($"edgegw printed no line containing \"{text}\" within {budget}:\n{string.Join('\n', daemon.Output.Skip(fromLine))}");
            }

            await daemon.WaitForLineAsync(_ => true, left);
        }
    }

    /// <summary>Waits until the daemon's forwarder says it is connected to the cloud (log event 1400).</summary>
    public Task<string> WaitDeliveringAsync(int fromLine = 0, TimeSpan? timeout = null) =>
        WaitForDaemonLineAsync("Connected to the cloud at", fromLine, timeout);

    /// <summary>SIGKILL: no flush, no goodbye to the broker.</summary>
    public async Task KillDaemonAsync()
    {
        var daemon = Daemon ?? throw new InvalidOperationException("no daemon is running");
        daemon.Signal("KILL");
        await daemon.WaitForExitAsync(Wait);
        await daemon.DisposeAsync();
        Daemon = null;
    }

    /// <summary>SIGTERM, as systemd stops it; returns the exit code and how long the daemon took to exit.</summary>
    public async Task<(int ExitCode, TimeSpan Took)> TerminateDaemonAsync()
    {
        var daemon = Daemon ?? throw new InvalidOperationException("no daemon is running");
        var took = Stopwatch.StartNew();
        daemon.Signal("TERM");
        var exitCode = await daemon.WaitForExitAsync(Wait);
        took.Stop();
        await daemon.DisposeAsync();
        Daemon = null;
        return (exitCode, took.Elapsed);
    }

    /// <summary>One admin socket command (as the CLI sends it) to the running daemon.</summary>
    public Task<JsonElement> AdminAsync(string command) =>
        AdminClient.RequestAsync(_dir.File("admin.sock"), new AdminRequest(command), _ct);

    /// <summary><c>edgegw outbox --json</c> as a technician runs it against the running daemon.</summary>
    public async Task<JsonElement> OutboxCliAsync()
    {
        var (exitCode, output) = await EdgegwProcess.RunAsync(null, "outbox", "--json", "--socket", _dir.File("admin.sock"));
        Assert.True(exitCode == 0, $"edgegw outbox --json exited {exitCode}: {output}");
        using var json = JsonDocument.Parse(output);
        return json.RootElement.Clone();
    }

    /// <summary>The daemon's Prometheus text, from the port it logged (metrics.port 0 picks one).</summary>
    public async Task<string> MetricsAsync()
    {
        var line = await WaitForDaemonLineAsync("Prometheus metrics on http://127.0.0.1:");
        var url = line[line.IndexOf("http://", StringComparison.Ordinal)..].Trim();
        using var http = new HttpClient();
        return await http.GetStringAsync(new Uri(url), _ct);
    }

    /// <summary>
    /// A patient presses the call button and staff cancel it: returns once the call alarm was raised and
    /// cleared on the embedded broker (<c>edgegw/{gw}/alarms/#</c>), with the time from press to raise seen there.
    /// </summary>
    /// <param name="raisedWithin">How long the raise may take to appear on the embedded broker (a minute unless given).</param>
    public async Task<EndToEndCall> CallAndCancelAsync(TimeSpan? raisedWithin = null)
    {
        await WaitForDeviceStateAsync(CallButtonId, "online");
        await using var local = await MqttProbe.SubscribeAsync(LocalBrokerPort, $"edgegw/{GatewayId}/alarms/#", _ct);
        await using var button = await CallButtonPublisher.ConnectAsync(LocalBrokerPort, _ct);
        var pressed = Stopwatch.GetTimestamp();
        await button.PublishAsync(CallTopic, "pressed", _ct);
        var raised = await local.NextAsync((_, payload) => IsCall(payload, "raised"), raisedWithin ?? Wait, _ct);
        var raisedAfter = Stopwatch.GetElapsedTime(pressed);
        var alarmId = AlarmId(raised.Payload);
        await button.PublishAsync(CallTopic, "cancelled", _ct);
        await local.NextAsync((_, payload) => IsCall(payload, "cleared") && AlarmId(payload) == alarmId, Wait, _ct);
        return new EndToEndCall(alarmId, raisedAfter);
    }

    /// <summary>A press, left unanswered (the daemon is about to be killed): published and acknowledged by the embedded broker, nothing awaited.</summary>
    public async Task PressAsync()
    {
        await using var button = await CallButtonPublisher.ConnectAsync(LocalBrokerPort, _ct);
        await button.PublishAsync(CallTopic, "pressed", _ct);
    }

    /// <summary>Stops or restarts the transmitters' answers (they stay connected, silent, as dead transmitters do).</summary>
    public void SetTransmittersAnswering(bool answering)
    {
        foreach (var slave in _slaves)
        {
            slave.SetResponding(1, answering);
        }
    }

    /// <summary>
    /// Stops the ingestion while the cloud is away, and returns once everything the ward made is committed: the
    /// transmitters go silent and offline, then a call is placed and answered. The engine takes device events in
    /// order from one channel, so once that call's clear is in the outbox (its alarm count went up by two),
    /// every reading and status before it is committed too, and nothing more comes.
    /// </summary>
    public async Task<EndToEndCall> StopIngestionAsync()
    {
        await SilenceTransmittersAsync();
        var alarms = (await AdminAsync("outbox")).GetProperty("alarmDepth").GetInt64();
        var call = await CallAndCancelAsync();
        await WaitForOutboxAsync(o => o.GetProperty("alarmDepth").GetInt64() >= alarms + 2, "the call's raise and clear committed");
        return call;
    }

    /// <summary>
    /// Stops the ingestion (if it still runs) and waits until the daemon has nothing left to deliver and the
    /// subscriber has every message the outbox ever committed, but for the evicted (<c>dropped.quota</c>,
    /// <c>dropped.ttl</c>). Returns the last committed seq and the daemon's outbox figures. As in
    /// <see cref="StopIngestionAsync"/>, a call answered after the transmitters went offline marks the end:
    /// once its clear reached the cloud, everything before it is committed and nothing more comes.
    /// </summary>
    public async Task<(long MaxSeq, JsonElement Outbox)> DrainAsync(TimeSpan timeout)
    {
        await SilenceTransmittersAsync();
        var marker = await CallAndCancelAsync();
        await Subscriber.WaitForAlarmAsync(marker.AlarmId, "cleared", timeout, _ct);
        var outbox = await WaitForOutboxAsync(o => o.GetProperty("depth").GetInt64() == 0, "every message acknowledged", timeout);
        var maxSeq = outbox.GetProperty("nextSeq").GetInt64() - 1;
        await Subscriber.WaitForDistinctAsync(maxSeq - Evicted(outbox), timeout, _ct);
        return (maxSeq, outbox);
    }

    /// <summary>Asks the daemon for its outbox figures until <paramref name="condition"/> holds; returns them.</summary>
    public async Task<JsonElement> WaitForOutboxAsync(Func<JsonElement, bool> condition, string what, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var limit = Stopwatch.StartNew();
        while (true)
        {
            var outbox = await AdminAsync("outbox");
            if (condition(outbox))
            {
                return outbox;
            }

            Assert.True(limit.Elapsed < (timeout ?? Wait), $"the outbox did not show {what} within {timeout ?? Wait}: {outbox}");
            await Task.Delay(50, _ct);
        }
    }

    /// <summary>One of the outbox's drop counters (<c>dropped.quota.reading</c>, …); 0 when it never counted.</summary>
    public static long Dropped(JsonElement outbox, string key) =>
        outbox.GetProperty("dropped").TryGetProperty(key, out var count) ? count.GetInt64() : 0;

    /// <summary>Messages the outbox gave a seq and then evicted (quota or time-to-live): gaps in what the cloud can receive.</summary>
    public static long Evicted(JsonElement outbox) =>
        outbox.GetProperty("dropped").EnumerateObject()
            .Where(p => p.Name.StartsWith("dropped.quota.", StringComparison.Ordinal) || p.Name.StartsWith("dropped.ttl.", StringComparison.Ordinal))
            .Sum(p => p.Value.GetInt64());

    public async ValueTask DisposeAsync()
    {
        if (Daemon is not null)
        {
            await Daemon.DisposeAsync();
            Daemon = null;
        }

        if (_subscriber is not null)
        {
            await _subscriber.DisposeAsync();
        }

        if (_cloud is not null)
        {
            await _cloud.DisposeAsync();
        }

        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _certificates?.Dispose();
        _dir.Dispose();
    }

    private async Task OpenAsync(CancellationToken cancellationToken)
    {
        _certificates = await MosquittoCertificates.CreateAsync(cancellationToken);
        _cloud = await MosquittoBroker.StartAsync(_certificates, cancellationToken);
        _subscriber = await EndToEndCloudSubscriber.ConnectAsync(_cloud.PlainPort, "cloud-dashboard", "cloud/#", cancellationToken);
        for (var i = 0; i < _load.Transmitters; i++)
        {
            var slave = new ModbusSlave();
            var registers = slave.AddUnit(1);
            registers.SetValue(false, 0, 400 + i, RegisterType.Float32, WordOrder.ABCD);
            for (var point = 0; point < _load.ExtraPoints; point++)
            {
                registers.SetValue(false, (ushort)(2 + point), 200 + point, RegisterType.Int16, WordOrder.ABCD);
            }

            _slaves.Add(slave);
            _servers.Add(ModbusTcpSlaveSimulator.Start(slave));
        }

        LocalBrokerPort = LoopbackPorts.Free(IPAddress.Loopback);
        _config = DaemonConfigFile.Write(_dir, Sections(), LocalBrokerPort);
    }

    private string Sections()
    {
        var extraPoints = string.Concat(Enumerable.Range(0, _load.ExtraPoints).Select(point => string.Create(CultureInfo.InvariantCulture,
            $$""", { "name": "temperature{{point + 1}}", "function": 3, "address": {{2 + point}}, "type": "int16", "scale": 0.1, "unit": "degC" }""")));
        var transmitters = _servers.Select((server, i) => string.Create(CultureInfo.InvariantCulture, $$"""
            { "id": "pt-{{i + 1}}", "type": "pressure", "location": { "zone": "main-A" },
              "modbus": { "tcp": "127.0.0.1:{{server.Port}}", "pollIntervalMs": {{_load.PollIntervalMs}}, "timeoutMs": 200,
                          "points": [{ "name": "pressure", "function": 3, "address": 0, "type": "float32", "unit": "kPa" }{{extraPoints}}] } },
            """));
        var quota = _load.QuotaBytes is { } bytes ? string.Create(CultureInfo.InvariantCulture, $$"""
            "outbox": { "quotaBytes": {{bytes}} },
            """) : "";
        return $$"""
            {{quota}}
            "cloud": { "kind": "mqtt", "mqtt": { "host": "localhost", "port": {{Cloud.TlsPort}}, "caFile": "{{_certificates!.CaFile}}",
                                                 "topicPrefix": "cloud", "clientId": "{{GatewayId}}-uplink" } },
            "alarms": { "deviceSilent": { "defaultTimeoutSeconds": 600 } },
            "devices": [
              {{string.Concat(transmitters)}}
              { "id": "{{CallButtonId}}", "type": "callButton", "location": { "ward": "E2E", "room": "1", "bed": "1A" }, "mqtt": { "topic": "{{CallTopic}}" } }
            ]
            """;
    }

    /// <summary>Mutes the transmitters and waits until the engine has seen each go offline (after offlineAfterFailures timeouts).</summary>
    private async Task SilenceTransmittersAsync()
    {
        SetTransmittersAnswering(false);
        foreach (var id in TransmitterIds)
        {
            await WaitForDeviceStateAsync(id, "offline");
        }
    }

    private async Task WaitForDeviceStateAsync(string deviceId, string state)
    {
        var limit = Stopwatch.StartNew();
        while (true)
        {
            var devices = await AdminAsync("devices");
            if (devices.EnumerateArray().Any(d => d.GetProperty("id").GetString() == deviceId && d.GetProperty("state").GetString() == state))
            {
                return;
            }

            Assert.True(limit.Elapsed < Wait, $"{deviceId} was not {state} within {Wait}: {devices}");
            await Task.Delay(50, _ct);
        }
    }

    private static bool IsCall(string payload, string state) =>
        payload.Contains("\"type\":\"call\"", StringComparison.Ordinal) && payload.Contains($"\"state\":\"{state}\"", StringComparison.Ordinal);

    private static string AlarmId(string payload)
    {
        using var json = JsonDocument.Parse(payload);
        return json.RootElement.GetProperty("alarmId").GetString()!;
    }
}
