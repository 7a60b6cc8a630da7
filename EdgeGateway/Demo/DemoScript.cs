using System.Globalization;
using EdgeGateway.Admin;
using EdgeGateway.Alarms;
using EdgeGateway.Drivers.Mattress;
using EdgeGateway.Stock;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Demo;

/// <summary>
/// The compressed ward day the demo plays, about 50 s, again and again until the demo stops: every alarm kind
/// raised and cleared, a call and an unacknowledged apnea escalated, acknowledgements given the way a nurse
/// does (<c>edgegw alarms ack ID</c> over the admin socket). The same seed plays the same day, alarm for
/// alarm in the same order: each step waits for the alarms it caused, and steps that run side by side are
/// timed (on the bed sensors' frames, the reader's reports, the lot rule's 5-s rhythm) so that alarms of
/// different devices never come close enough to swap places.
/// </summary>
internal sealed partial class DemoScript(DemoWard ward, DemoFeed feed, DemoConsole console, string adminSocket, string catalogPath, TimeProvider time, ILogger<DemoScript> logger)
{
    private static readonly TimeSpan ExpectWithin = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan NextDayAfter = TimeSpan.FromSeconds(5);

    private readonly Dictionary<(string Type, string Subject, AlarmState State), int> _next = [];
    private int _dayStart;
    private DateTimeOffset _frames;

    private static string NearLot => LotSubject("S2401");

    private static string ExpiredLot => LotSubject("S2312");

    private static string SalineStock => $"{AlarmSubjects.Slug(DemoWard.StoreRoom)}.{DemoWard.SalineGtin}";

    /// <summary>Imports the catalog, then plays the day until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await ImportCatalogAsync(cancellationToken);
        for (var day = 1; ; day++)
        {
            _dayStart = feed.Count;
            await DayAsync(day, cancellationToken);
            console.Narrate($"Day {day} is over. The next one starts in {NextDayAfter.TotalSeconds:0} s (Ctrl-C to stop).");
            await Task.Delay(NextDayAfter, time, cancellationToken);
            ward.StartDay();
        }
    }

    /// <summary>
    /// One day. Its times are chosen so that no two alarms of different devices can come within half a second
    /// of each other, given what each depends on: the lot rule's look every 5 s (g, the first look that raised the
    /// lot alarms), the bed sensors' frames (every second, their clocks restarted just after g; a rule that needs
    /// a condition for N s sees it at the N-th or (N+1)-th frame), the reader's reports (every 0.5 s), the
    /// engine's 250-ms tick, and the alarms the script saw.
    /// </summary>
    private async Task DayAsync(int day, CancellationToken cancellationToken)
    {
        var ct = cancellationToken;
        console.Narrate($"Day {day} on ward 3A: patients asleep in beds 12A and 14B, the store room stocked, the water main and the oxygen line at pressure.");

        // The store room: the catalog says a saline lot on the shelf is near its expiry date and one bag is past it.
        await ExpectAsync(LotExpiryRule.NearType, NearLot, AlarmState.Raised, ct);
        var expired = await ExpectAsync(LotExpiryRule.ExpiredType, ExpiredLot, AlarmState.Raised, ct);
        var g = expired?.Timestamp ?? time.GetUtcNow();
        await AtAsync(g, 0.25, ct);
        ward.RestartFrames(ct);
        _frames = time.GetUtcNow();
        await AtAsync(g, 0.5, ct);
        await AcknowledgeAsync(expired, "The pharmacist", "a nurse will clear the bags; until then the alarm stays", ct);

        // Taken off right after a reader report that still saw them, the bags leave the reader's 5-s window
        // between two looks of the lot rule, so both lot alarms clear at its look at g + 10 s; the saline stock,
        // now under its minimum, raises its alarm 6 s after they left.
        var clearing = DoAtAsync(g, 0.6, () => ChangeShelfAsync(() => ward.TakeFromShelf(DemoWard.Shelf.Expiring), "A nurse takes the expired and the soon-to-expire saline off the store-room shelf.", ct), ct);
        await SetBedAtFrameAsync(DemoWard.SecondBedId, MattressCondition.SignalLost, 1, "14B's sensor slips from under the patient: the signal is too weak to measure.", ct);

        // The water main bursts in the basement; the technician acknowledges, isolates and repairs it.
        await AtAsync(g, 1.6, ct);
        console.Narrate(string.Create(CultureInfo.InvariantCulture, $"The water main bursts {ward.BurstMain():0} m from its upstream transmitter."));
        await SetBedAtFrameAsync(DemoWard.BedId, MattressCondition.Apnea, 2, "12A stops breathing (obstructive sleep apnea).", ct);
        var burst = await ExpectAsync(PipeBurstRule.AlarmType, DemoWard.MainId, AlarmState.Raised, ct);
        var burstAt = burst?.Timestamp ?? time.GetUtcNow();
        await AtAsync(burstAt, 0.6, ct);
        await AcknowledgeAsync(burst, "The estates technician", "on the way to the basement", ct);
        await AtAsync(burstAt, 1.1, ct);
        console.Narrate("The technician closes the valves around the break: pressure is back.");
        ward.RepairMain();
        await clearing;
        await ExpectAsync(PipeBurstRule.AlarmType, DemoWard.MainId, AlarmState.Cleared, ct);

        // A nurse puts the sensor back as soon as the alarm sounds: the signal is back at the next frame.
        await ExpectAsync(SignalLostRule.AlarmType, DemoWard.SecondBedId, AlarmState.Raised, ct);
        ward.SetBed(DemoWard.SecondBedId, MattressCondition.InBedNormal);
        console.Narrate("A nurse puts 14B's sensor back in place.");
        await ExpectAsync(SignalLostRule.AlarmType, DemoWard.SecondBedId, AlarmState.Cleared, ct);
        await ExpectAsync(LotExpiryRule.NearType, NearLot, AlarmState.Cleared, ct);
        await ExpectAsync(LotExpiryRule.ExpiredType, ExpiredLot, AlarmState.Cleared, ct);
        await ExpectAsync(StockBelowMinimumRule.AlarmType, SalineStock, AlarmState.Raised, ct);

        // Nobody acknowledges 12A's apnea: the ward is short of staff. 14B calls meanwhile (GPIO button) and nobody
        // comes either: the call escalates twice before the charge nurse answers. The oxygen supply fails.
        // From here on, times follow the apnea alarm (at frame a).
        var apnea = await ExpectAsync(ApneaRule.AlarmType, DemoWard.BedId, AlarmState.Raised, ct);
        var apneaAt = apnea?.Timestamp ?? time.GetUtcNow();
        var a = (int)Math.Round((apneaAt - _frames).TotalSeconds);
        await AtAsync(apneaAt, 0.6, ct);
        console.Narrate("14B presses the call button (a GPIO contact).");
        await ward.PressCallAsync(ct);
        await ExpectAsync(CallEscalationRule.AlarmType, DemoWard.CallButtonId, AlarmState.Raised, ct);
        await AtAsync(apneaAt, 2.3, ct);
        console.Narrate("The oxygen manifold's cylinders run low: the ward's oxygen line pressure starts to fall.");
        ward.FailOxygen();
        await ExpectAsync(CallEscalationRule.AlarmType, DemoWard.CallButtonId, AlarmState.Escalated, ct);
        var callEscalated = await ExpectAsync(CallEscalationRule.AlarmType, DemoWard.CallButtonId, AlarmState.Escalated, ct);
        await AtAsync(callEscalated?.Timestamp ?? time.GetUtcNow(), 0.6, ct);
        await AcknowledgeAsync(callEscalated, "The charge nurse", "on the way to 14B", ct);
        await SetBedAtFrameAsync(DemoWard.SecondBedId, MattressCondition.Tachycardia, a + 6, "14B runs a fever: heart rate and breathing rate climb.", ct);
        await AtAsync(apneaAt, 6.1, ct);
        console.Narrate("The charge nurse reaches 14B and cancels the call at the bedside.");
        await ward.CancelCallAsync(ct);
        await ExpectAsync(CallEscalationRule.AlarmType, DemoWard.CallButtonId, AlarmState.Cleared, ct);
        await ExpectAsync(ThresholdRule.AlarmType, DemoWard.OxygenAlarmName, AlarmState.Raised, ct);
        await AtAsync(apneaAt, 8.5, ct);
        console.Narrate("The manifold changes over to its reserve bank: oxygen pressure is back.");
        ward.RestoreOxygen();
        await ExpectAsync(ThresholdRule.AlarmType, DemoWard.OxygenAlarmName, AlarmState.Cleared, ct);

        // The apnea escalates for want of an acknowledgement, and is answered; the patient breathes again.
        var apneaEscalated = await ExpectAsync(ApneaRule.AlarmType, DemoWard.BedId, AlarmState.Escalated, ct);
        await AtAsync(apneaEscalated?.Timestamp ?? time.GetUtcNow(), 0.75, ct);
        await AcknowledgeAsync(apneaEscalated, "The nurse station", "a nurse runs to 12A; the patient is still not breathing", ct);
        await SetBedAtFrameAsync(DemoWard.BedId, MattressCondition.InBedNormal, a + 12, "The nurse repositions 12A's head: the patient breathes again.", ct);
        var fever = await ExpectAsync(VitalsRule.HeartRateType, DemoWard.SecondBedId, AlarmState.Raised, ct);
        await ExpectAsync(VitalsRule.RespirationRateType, DemoWard.SecondBedId, AlarmState.Raised, ct);
        await AtAsync(fever?.Timestamp ?? time.GetUtcNow(), 1.0, ct);
        await AcknowledgeAsync(fever, "The nurse at 14B", "the fever stays until the antipyretic works", ct);
        await ExpectAsync(ApneaRule.AlarmType, DemoWard.BedId, AlarmState.Cleared, ct);
        await SetBedAtFrameAsync(DemoWard.SecondBedId, MattressCondition.InBedNormal, a + 16, "14B: the antipyretic works, the fever falls.", ct);
        await ExpectAsync(VitalsRule.HeartRateType, DemoWard.SecondBedId, AlarmState.Cleared, ct);
        await ExpectAsync(VitalsRule.RespirationRateType, DemoWard.SecondBedId, AlarmState.Cleared, ct);

        // 12A calls (MQTT button); 14B's sensor cable is pulled and plugged back; the porter restocks the saline.
        var restocking = DoAtAsync(apneaAt, 18, () => ChangeShelfAsync(() => ward.PutOnShelf(DemoWard.Shelf.Restock), "The porter restocks the shelf with fresh saline.", ct), ct);
        await SetBedAtFrameAsync(DemoWard.SecondBedId, MattressCondition.Unplugged, a + 18, "A cleaner pulls 14B's sensor cable out of its USB adapter.", ct);
        await AtAsync(apneaAt, 18.1, ct);
        console.Narrate("12A presses the call button (an MQTT button on the embedded broker).");
        await ward.PressMqttCallAsync(ct);
        await AtAsync(apneaAt, 19.6, ct);
        console.Narrate("A nurse comes to 12A and cancels the call at the bedside.");
        await ward.CancelMqttCallAsync(ct);
        await ExpectAsync(CallEscalationRule.AlarmType, DemoWard.MqttCallButtonId, AlarmState.Raised, ct);
        await ExpectAsync(CallEscalationRule.AlarmType, DemoWard.MqttCallButtonId, AlarmState.Cleared, ct);
        await restocking;
        var silent = await ExpectAsync(DeviceSilentRule.AlarmType, DemoWard.SecondBedId, AlarmState.Raised, ct);
        await AtAsync(silent?.Timestamp ?? time.GetUtcNow(), 0.5, ct);
        console.Narrate("A nurse plugs 14B's sensor back in.");
        ward.SetBed(DemoWard.SecondBedId, MattressCondition.InBedNormal);
        await ExpectAsync(DeviceSilentRule.AlarmType, DemoWard.SecondBedId, AlarmState.Cleared, ct);

        // 14B gets up and walks off; a nurse acknowledges the bed exit and walks the patient back.
        await SetBedAtFrameAsync(DemoWard.SecondBedId, MattressCondition.OutOfBed, a + 23, "14B gets out of bed and walks off.", ct);
        await ExpectAsync(StockBelowMinimumRule.AlarmType, SalineStock, AlarmState.Cleared, ct);
        var bedExit = await ExpectAsync(BedExitRule.AlarmType, DemoWard.SecondBedId, AlarmState.Raised, ct);
        await AtAsync(bedExit?.Timestamp ?? time.GetUtcNow(), 1.25, ct);
        await AcknowledgeAsync(bedExit, "A nurse in the corridor", "she walks 14B back", ct);
        await SetBedAtFrameAsync(DemoWard.SecondBedId, MattressCondition.InBedNormal, a + 29, "14B is back in bed.", ct);
        await ExpectAsync(BedExitRule.AlarmType, DemoWard.SecondBedId, AlarmState.Cleared, ct);
    }

    /// <summary>What <c>edgegw catalog import FILE</c> does: parse and check the file, then one <c>catalog.import</c> request.</summary>
    private async Task ImportCatalogAsync(CancellationToken cancellationToken)
    {
        var (rows, parseErrors) = CatalogCsv.Parse(await File.ReadAllTextAsync(catalogPath, cancellationToken));
        var errors = parseErrors.Count > 0 ? parseErrors : CatalogImport.Validate(rows).Errors;
        if (errors.Count > 0)
        {
            LogCatalogRefused(logger, catalogPath, string.Join("; ", errors));
            return;
        }

        try
        {
            var result = await AdminClient.RequestAsync(adminSocket, new AdminRequest("catalog.import", Payload: AdminJson.ToElement(new CatalogImportRequest(rows))), cancellationToken);
            var summary = AdminJson.Read<CatalogImportSummary>(result);
            console.Note($"edgegw catalog import {catalogPath}: {summary.Entries} lots of {summary.Products} products");
        }
        catch (Exception e) when (e is InvalidOperationException or AdminUnavailableException or AdminDeniedException)
        {
            LogCatalogRefused(logger, catalogPath, e.Message);
        }
    }

    /// <summary>Acknowledges as the CLI's <c>edgegw alarms ack ID</c> does; the daemon records who from the socket's peer.</summary>
    private async Task AcknowledgeAsync(AlarmTransition? alarm, string who, string then, CancellationToken cancellationToken)
    {
        if (alarm is null)
        {
            return;
        }

        console.Narrate($"{who} acknowledges {alarm.Type} ({then}): edgegw alarms ack {alarm.AlarmId}");
        try
        {
            await AdminClient.RequestAsync(adminSocket, new AdminRequest("alarms.ack", new Dictionary<string, string> { ["alarmId"] = alarm.AlarmId }), cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or AdminUnavailableException or AdminDeniedException)
        {
            LogAcknowledgeFailed(logger, alarm.AlarmId, e.Message);
        }
    }

    /// <summary>
    /// Changes what a bed sensor sees right after its frame <paramref name="frame"/> (counted from the restart of
    /// the frame clocks), so the change shows from the next frame on, exactly a second later.
    /// </summary>
    private async Task SetBedAtFrameAsync(string bedId, MattressCondition condition, int frame, string story, CancellationToken cancellationToken)
    {
        await AtAsync(Frame(frame), -0.4, cancellationToken);
        await NextReadingAsync(bedId, cancellationToken);
        ward.SetBed(bedId, condition);
        console.Narrate(story);
    }

    /// <summary>When bed frame <paramref name="frame"/> is due.</summary>
    private DateTimeOffset Frame(int frame) => _frames + TimeSpan.FromSeconds(frame);

    /// <summary>A step that runs meanwhile, from <paramref name="seconds"/> after <paramref name="anchor"/>.</summary>
    private async Task DoAtAsync(DateTimeOffset anchor, double seconds, Func<Task> step, CancellationToken cancellationToken)
    {
        await AtAsync(anchor, seconds, cancellationToken);
        await step();
    }

    /// <summary>Takes items off or puts them on the shelf right after one of the reader's reports (two a second), so they are last (or first) seen in a known report.</summary>
    private async Task ChangeShelfAsync(Action change, string story, CancellationToken cancellationToken)
    {
        await NextReadingAsync(DemoWard.StoreRoomReaderId, cancellationToken);
        change();
        console.Narrate(story);
    }

    private async Task NextReadingAsync(string deviceId, CancellationToken cancellationToken)
    {
        try
        {
            await feed.NextReadingAsync(deviceId, TimeSpan.FromSeconds(3), cancellationToken);
        }
        catch (TimeoutException)
        {
            // The device is not sending (unplugged): change it now.
        }
    }

    /// <summary>The next transition of this alarm and state this day; null (and said so) when it does not come in time.</summary>
    private async Task<AlarmTransition?> ExpectAsync(string type, string subject, AlarmState state, CancellationToken cancellationToken)
    {
        var key = (type, subject, state);
        var from = Math.Max(_dayStart, _next.GetValueOrDefault(key));
        try
        {
            var index = await feed.FirstAsync(t => t.Type == type && t.Subject == subject && t.State == state, from, ExpectWithin, cancellationToken);
            _next[key] = index + 1;
            return feed[index];
        }
        catch (TimeoutException)
        {
            var expected = $"{type} on {subject} {state.ToString().ToLowerInvariant()}";
            LogMissed(logger, expected, ExpectWithin.TotalSeconds);
            console.Note($"the script expected {expected} within {ExpectWithin.TotalSeconds:0} s; it did not happen");
            return null;
        }
    }

    private Task AtAsync(DateTimeOffset anchor, double seconds, CancellationToken cancellationToken)
    {
        var wait = anchor + TimeSpan.FromSeconds(seconds) - time.GetUtcNow();
        return wait > TimeSpan.Zero ? Task.Delay(wait, time, cancellationToken) : Task.CompletedTask;
    }

    private static string LotSubject(string lot) => $"{AlarmSubjects.Slug(DemoWard.StoreRoom)}.{DemoWard.SalineGtin}.{AlarmSubjects.Slug(lot)}";

    [LoggerMessage(EventId = 1900, Level = LogLevel.Warning, Message = "Demo script: expected {Expected} within {Seconds} s; it did not happen")]
    private static partial void LogMissed(ILogger logger, string expected, double seconds);

    [LoggerMessage(EventId = 1901, Level = LogLevel.Warning, Message = "Demo script: acknowledging {AlarmId} failed: {Reason}")]
    private static partial void LogAcknowledgeFailed(ILogger logger, string alarmId, string reason);

    [LoggerMessage(EventId = 1902, Level = LogLevel.Warning, Message = "Demo script: the catalog {Path} was not imported: {Reason}")]
    private static partial void LogCatalogRefused(ILogger logger, string path, string reason);
}
