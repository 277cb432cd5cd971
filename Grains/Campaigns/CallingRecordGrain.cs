using Contact.Grains.Interfaces;
using Contact.Grains.Timing;
using Contact.Storage.Campaigns;
using Contact.Storage;
using Microsoft.Extensions.Logging;

namespace Contact.Grains.Campaigns;

/// <summary>
/// One calling record, its state in its row of the records table. Each change is written
/// (compare-and-swap on the row's version) before the agent hears of it, and the agent's state
/// is changed before the call returns; so a record is with at most one agent, and a record whose
/// agent never got it is found and put back by <see cref="Reconcile"/>.
/// </summary>
[GrainType("calling-record")]
public sealed class CallingRecordGrain(
    CallingRecordStore store,
    DoNotCallList doNotCall,
    TimeProvider time,
    ILogger<CallingRecordGrain> logger) : Grain, ICallingRecordGrain, IRemindable
{
    public const string TypeName = "calling-record";
    public const string InteractionKind = InteractionKinds.Preview;
    private const string AutoDialDeadline = "auto-dial";

    /// <summary>A skipped or rejected record waits this long before anyone is offered it again.</summary>
    public static readonly TimeSpan ReturnDelay = TimeSpan.FromMinutes(1);

    private CallingRecordRow? row;
    private Deadlines? deadlines;

    private string RecordId => this.GetPrimaryKeyString();
    private CallingRecordRow Row => row ?? throw CampaignErrors.RecordNotFound(RecordId);
    private ICampaignGrain Campaign => GrainFactory.GetGrain<ICampaignGrain>(Row.CampaignId);

    private Deadlines AutoDial => deadlines ??= new Deadlines(this, time, AutoDialDueAsync);

    public override Task OnActivateAsync(CancellationToken cancellationToken) => ReadRowAsync();

    private async Task ReadRowAsync()
    {
        row = await store.ReadAsync(RecordId);
        if (row is { Status: RecordStatus.InProgress, Detail.AutoDialAt: { } at }) AutoDial.Arm(AutoDialDeadline, at);
    }

    /// <summary>
    /// Reads the row again when this copy would refuse the agent's request. For a moment after a
    /// silo's death a record can have two activations, and a request may reach the one whose copy
    /// is older than what the other wrote: a refusal is given on the stored row, never on a stale copy.
    /// </summary>
    private async Task ReadAgainUnlessAsync(bool expected)
    {
        if (!expected) await ReadRowAsync();
    }

    /// <summary>Whether this copy shows the record on the agent's desktop (and in <paramref name="status"/>, when given).</summary>
    private bool IsWith(string agentId, RecordStatus? status = null) =>
        row is { Status: RecordStatus.Offered or RecordStatus.InProgress } && row.AgentId == agentId && (status is null || row.Status == status);

    public static CallingRecordState StateOf(RecordStatus status, bool later) => status switch
    {
        RecordStatus.Offered => CallingRecordState.Offered,
        RecordStatus.InProgress => CallingRecordState.InProgress,
        RecordStatus.Completed => CallingRecordState.Completed,
        _ => later ? CallingRecordState.Scheduled : CallingRecordState.Ready,
    };

    public async Task<CallingRecordView> GetView() => await ViewAsync(await Campaign.GetView());

    public async Task Offer(PreviewOffer offer)
    {
        var outcome = OfferOutcome.Gone;
        try
        {
            outcome = await OfferAsync(offer);
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Offering record {Record} to {Agent} failed", RecordId, offer.AgentId);
            DeactivateOnIdle();
        }
        await GrainFactory.GetGrain<ICampaignGrain>(offer.CampaignId).OfferSettled(RecordId, offer.AgentId, outcome);
    }

    public async Task<CallingRecordView> Accept(string agentId)
    {
        await ReadAgainUnlessAsync(IsWith(agentId));
        var held = Held(agentId);
        if (held.Status == RecordStatus.InProgress)
        {
            // A resent accept: the first may have been written before its agent heard of it.
            await Agent(agentId).Accept(RecordId);
            return await GetView();
        }
        var campaign = await Campaign.GetView();
        await AcceptAsync(agentId, campaign.Config);
        return await ViewAsync(campaign);
    }

    public async Task<CallingRecordView> Skip(string agentId)
    {
        await ReadAgainUnlessAsync(IsWith(agentId));
        Held(agentId);
        var campaign = await Campaign.GetView();
        var dueAt = time.GetUtcNow() + ReturnDelay;
        await ReturnAsync(dueAt, keptFor: "", new AgentCount(agentId, AgentTally.Skipped));
        await Agent(agentId).EndInteraction(RecordId, null);
        await Campaign.RecordReturned(RecordId, dueAt, null);
        return await ViewAsync(campaign);
    }

    public async Task<CallingRecordView> Reject(string agentId)
    {
        await ReadAgainUnlessAsync(IsWith(agentId, RecordStatus.Offered));
        if (Held(agentId).Status != RecordStatus.Offered) throw CampaignErrors.AlreadyAccepted(RecordId);
        var campaign = await Campaign.GetView();
        var dueAt = time.GetUtcNow() + ReturnDelay;
        await ReturnAsync(dueAt, keptFor: "", new AgentCount(agentId, AgentTally.Rejected));
        await Agent(agentId).Reject(RecordId);
        await Campaign.RecordReturned(RecordId, dueAt, null);
        return await ViewAsync(campaign);
    }

    public async Task<CallingRecordView> Complete(string agentId, string? disposition, string? notes)
    {
        await ReadAgainUnlessCompletableAsync(agentId, disposition);
        if (CompletedAlreadyBy(agentId, disposition)) return await AnswerResentCompletionAsync(agentId);
        var callOfAttempt = Held(agentId).Detail.CallIndex is { } open ? Row.Detail.History[open].CallId : null;
        var view = await CompleteAsRowSaysAsync(agentId, callId: null, disposition, notes);
        // The desktop completed the record itself: the attempt's call, if it is still up, ends too.
        if (callOfAttempt is not null)
        {
            try
            {
                await GrainFactory.GetGrain<ICallGrain>(callOfAttempt).Release(agentId);
            }
            catch (ContactException notUp) when (notUp.Kind is ErrorKind.NotFound)
            {
                // The attempt's call was never placed (Twilio refused it).
            }
        }
        return view;
    }

    public async Task CallAnswered(string callId, string answeredBy)
    {
        var index = row?.Detail.History.FindIndex(a => a.CallId == callId) ?? -1;
        if (index < 0 || Row.Detail.History[index].AnsweredBy == answeredBy) return;
        Row.Detail.History[index] = Row.Detail.History[index] with { AnsweredBy = answeredBy };
        await WriteRowAsync();
    }

    public async Task<CallingRecordView> CompleteCall(string agentId, string? callId, string? disposition, string? notes)
    {
        await ReadAgainUnlessCompletableAsync(agentId, disposition);
        return await CompleteAsRowSaysAsync(agentId, callId, disposition, notes);
    }

    private Task ReadAgainUnlessCompletableAsync(string agentId, string? disposition) =>
        ReadAgainUnlessAsync(IsWith(agentId, RecordStatus.InProgress) || CompletedAlreadyBy(agentId, disposition));

    /// <summary>The attempt ends with the disposition, judged on the row as this activation has it.</summary>
    private async Task<CallingRecordView> CompleteAsRowSaysAsync(string agentId, string? callId, string? disposition, string? notes)
    {
        if (CompletedAlreadyBy(agentId, disposition)) return await AnswerResentCompletionAsync(agentId);
        if (Held(agentId).Status != RecordStatus.InProgress) throw CampaignErrors.NotAccepted(RecordId);
        var campaign = await Campaign.GetView();
        var config = campaign.Config;
        var name = string.IsNullOrWhiteSpace(disposition) ? config.DefaultDisposition : disposition.Trim();
        var chosen = config.Dispositions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
                     ?? throw CampaignErrors.UnknownDisposition(name, config.Dispositions.Select(d => d.Name));
        await FinishAttemptAsync(agentId, chosen, notes, callId, config);
        return await ViewAsync(campaign);
    }

    public async Task Dial(string campaignId, CampaignConfig config)
    {
        var placed = false;
        try
        {
            placed = await DialForCampaignAsync(config);
        }
        catch (Exception error)
        {
            logger.LogWarning(error, "Dialing record {Record} for campaign {Campaign} failed", RecordId, campaignId);
            DeactivateOnIdle();
        }
        if (!placed) await GrainFactory.GetGrain<ICampaignGrain>(campaignId).DialSettled(RecordId, DialOutcome.NotPlaced);
    }

    public async Task CallTaken(string callId, string agentId)
    {
        if (DialedCall(callId) is not { } index) return;
        Row.AgentId = agentId;
        Row.Detail.History[index] = Row.Detail.History[index] with { AgentId = agentId };
        await WriteRowAsync();
    }

    public async Task CallEndedUnhandled(string callId, string disposition)
    {
        if (DialedCall(callId) is null) return;
        var config = (await Campaign.GetView()).Config;
        await FinishAttemptAsync(Row.AgentId, SystemDisposition(config, disposition), null, callId, config);
    }

    /// <summary>
    /// The record's recommended number is dialed by the campaign: the attempt is written first (as
    /// for an agent's call), then the call placed. False when no call was placed: the record is not
    /// waiting for anyone, no number may be called now, or Twilio refused (the attempt then ends as Failed).
    /// </summary>
    private async Task<bool> DialForCampaignAsync(CampaignConfig config)
    {
        if (row is not { Status: RecordStatus.Waiting, AgentId: "" }) return false;
        var number = (await PhonesAsync(config)).FirstOrDefault(p => p.Recommended)?.Number;
        var now = time.GetUtcNow();
        if (number is null)
        {
            // Outside calling hours the campaign looks again when they open; with hours open, every number is on the do not call list.
            if (CallingClock.IsOpen(config.CallingHours, Row.TimeZone, now)) await FinishAttemptAsync("", SystemDisposition(config, SystemDispositions.DoNotCall), null, null, config);
            return false;
        }
        var callId = Guid.NewGuid().ToString("N");
        Row.Status = RecordStatus.InProgress;
        Row.Detail.Dialer = true;
        Row.Detail.History.Add(new RecordAttempt(now, "", number, null, "Dialed", callId));
        Row.Detail.CallIndex = Row.Detail.History.Count - 1;
        await WriteAndStopAutoDialAsync();
        try
        {
            await GrainFactory.GetGrain<ICallGrain>(callId).DialForCampaign(new CampaignCall(Row.CampaignId, config.Name, RecordId, config.ServiceId, number, Row.Name,
                config.AutoAccept, config.Machine, config.MachineMessage, config.AbandonMessage));
        }
        catch (ContactException notPlaced)
        {
            await FinishAttemptAsync("", SystemDisposition(config, SystemDispositions.Failed), $"Not placed: {notPlaced.Code}", callId, config);
            return false;
        }
        return true;
    }

    /// <summary>The history entry of the campaign's call <paramref name="callId"/>, while that call is the record's current handling.</summary>
    private int? DialedCall(string callId) =>
        row is { Status: RecordStatus.InProgress, Detail: { Dialer: true, CallIndex: { } index } } && row.Detail.History[index].CallId == callId ? index : null;

    /// <summary>A system disposition as the campaign defines it, or, when it does not, one that retries (a barred number is final).</summary>
    private static Disposition SystemDisposition(CampaignConfig config, string name) =>
        config.Dispositions.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? new Disposition(name, name == SystemDispositions.DoNotCall ? DispositionOutcome.Final : DispositionOutcome.Retry);

    /// <summary>
    /// The attempt ends with the disposition: the record is done, or waits for its retry. The
    /// agent who had the record on its desktop lets go of it; <paramref name="agentId"/> is empty
    /// for a campaign's call that no agent took.
    /// </summary>
    private async Task FinishAttemptAsync(string agentId, Disposition chosen, string? notes, string? callId, CampaignConfig config)
    {
        var agentHadRecord = agentId != "" && !Row.Detail.Dialer;
        var now = time.GetUtcNow();
        var dialed = Row.Detail.CallIndex is { } index ? Row.Detail.History[index] : null;
        var called = dialed?.Number;
        var attempt = new RecordAttempt(now, agentId, called, chosen.Name, string.IsNullOrWhiteSpace(notes) ? null : notes.Trim(),
            dialed?.CallId ?? callId, dialed?.AnsweredBy);
        if (Row.Detail.CallIndex is { } open) Row.Detail.History[open] = attempt;
        else Row.Detail.History.Add(attempt);
        Row.Detail.CallIndex = null;
        Row.Detail.Dialer = false;
        Row.Attempts++;
        Row.Disposition = chosen.Name;
        var again = chosen.Outcome == DispositionOutcome.Retry && Row.Attempts < config.MaxAttempts;
        Row.Status = again ? RecordStatus.Waiting : RecordStatus.Completed;
        Row.AgentId = "";
        if (again) Row.DueAt = now + TimeSpan.FromMinutes(config.RetryMinutes);
        await WriteAndStopAutoDialAsync(agentId == "" ? null : new AgentCount(agentId, AgentTally.Completed));
        if (chosen.Outcome == DispositionOutcome.Dnc)
        {
            // The customer asked not to be called: the number called, or every number when none was.
            foreach (var number in called is null ? Row.Phones : [called]) await doNotCall.AddAsync(number, $"{Row.CampaignId}/{RecordId}");
        }
        if (agentHadRecord) await Agent(agentId).EndInteraction(RecordId, null);
        if (again) await Campaign.RecordReturned(RecordId, Row.DueAt, null);
    }

    public async Task<CallingRecordView> Reschedule(string agentId, RescheduleRequest request)
    {
        await ReadAgainUnlessAsync(IsWith(agentId));
        Held(agentId);
        var campaign = await Campaign.GetView();
        var hours = campaign.Config.CallingHours;
        if (request.At <= time.GetUtcNow()) throw CampaignErrors.RescheduleInPast(request.At);
        if (!CallingClock.IsOpen(hours, Row.TimeZone, request.At)) throw CampaignErrors.OutsideCallingHours(hours, Row.TimeZone, request.At);
        var number = request.Number is null ? null : NumberOf(request.Number);
        Row.Detail.History.Add(new RecordAttempt(time.GetUtcNow(), agentId, number, null,
            $"Rescheduled to {request.At:u}{(request.Personal ? " for " + agentId : "")}"));
        Row.Detail.Number = number;
        var keptFor = request.Personal ? agentId : "";
        await ReturnAsync(request.At, keptFor);
        await Agent(agentId).EndInteraction(RecordId, null);
        await Campaign.RecordReturned(RecordId, request.At, request.Personal ? agentId : null);
        return await ViewAsync(campaign);
    }

    public async Task<CallingRecordView> Call(string agentId, string number)
    {
        await ReadAgainUnlessAsync(IsWith(agentId, RecordStatus.InProgress));
        if (Held(agentId).Status != RecordStatus.InProgress) throw CampaignErrors.NotAccepted(RecordId);
        var campaign = await Campaign.GetView();
        await DialAsync(agentId, NumberOf(number), campaign.Config);
        return await ViewAsync(campaign);
    }

    public async Task Reconcile()
    {
        if (row is not { Status: RecordStatus.Offered or RecordStatus.InProgress }) return;
        if (row.Detail is { Dialer: true, CallIndex: { } index })
        {
            await ReconcileDialedAsync(row.Detail.History[index].CallId!);
            return;
        }
        var agent = await Agent(row.AgentId).GetView();
        if (agent.Interactions.Any(i => i.Id == RecordId)) return;
        logger.LogInformation("Record {Record} was with {Agent}, who does not have it: back to the list", RecordId, row.AgentId);
        var now = time.GetUtcNow();
        await ReturnAsync(now, keptFor: "");
        await Campaign.RecordReturned(RecordId, now, null);
    }

    /// <summary>
    /// After a restart, for a call the campaign placed: a call that was never placed gives the
    /// record back to the list, due now; one that ended with nobody of ours on it ends the attempt
    /// as the call says; one still up, or with its agent, goes on.
    /// </summary>
    private async Task ReconcileDialedAsync(string callId)
    {
        CallView call;
        try
        {
            call = await GrainFactory.GetGrain<ICallGrain>(callId).GetView();
        }
        catch (ContactException never) when (never.Kind is ErrorKind.NotFound)
        {
            var now = time.GetUtcNow();
            Row.Detail.History.RemoveAt(Row.Detail.CallIndex!.Value);
            await ReturnAsync(now, keptFor: "");
            await Campaign.RecordReturned(RecordId, now, null);
            await Campaign.DialSettled(RecordId, DialOutcome.NotPlaced);
            return;
        }
        if (call is { State: CallState.Ended, Agents: [], Disposition: { } disposition })
        {
            await CallEndedUnhandled(callId, disposition);
            await Campaign.DialSettled(RecordId, DialOutcome.NoAnswer);
        }
    }

    public Task ReceiveReminder(string reminderName, TickStatus status) => AutoDial.FireAsync(reminderName);

    /// <summary>The review time ran out: the recommended number is dialed, once per handling.</summary>
    private async Task AutoDialDueAsync(string deadline)
    {
        if (row is { Status: RecordStatus.InProgress, Detail: { CallIndex: null, AutoDialAt: { } at } })
        {
            if (at > time.GetUtcNow())
            {
                AutoDial.Arm(deadline, at);
                return;
            }
            var campaign = await Campaign.GetView();
            if ((await PhonesAsync(campaign.Config)).FirstOrDefault(p => p.Recommended) is { } recommended)
            {
                // Dialing writes the row and clears the deadline.
                try
                {
                    await DialAsync(row.AgentId, recommended.Number, campaign.Config);
                }
                catch (ContactException notPlaced)
                {
                    logger.LogWarning("Record {Record}: the automatic dial of {Number} was not placed: {Code}", RecordId, recommended.Number, notPlaced.Code);
                }
                return;
            }
        }
        await AutoDial.ClearAsync(deadline);
    }

    private async Task<OfferOutcome> OfferAsync(PreviewOffer offer)
    {
        if (row is not { Status: RecordStatus.Waiting } || (row.AgentId != "" && row.AgentId != offer.AgentId)) return OfferOutcome.Gone;
        var keptFor = row.AgentId;
        row.Status = RecordStatus.Offered;
        row.AgentId = offer.AgentId;
        row.Detail.CallIndex = null;
        await WriteRowAsync();
        try
        {
            await Agent(offer.AgentId).Offer(new InteractionOffer(RecordId, InteractionKind, null, new Dictionary<string, string>
            {
                ["recordId"] = RecordId,
                ["campaignId"] = offer.CampaignId,
                ["campaignName"] = offer.CampaignName,
                ["customerName"] = row.Name,
            }));
        }
        catch (ContactException)
        {
            await ReturnAsync(row.DueAt, keptFor);
            return OfferOutcome.AgentBusy;
        }
        if (offer.AutoAccept) await AcceptAsync(offer.AgentId, (await Campaign.GetView()).Config);
        return OfferOutcome.Delivered;
    }

    private async Task AcceptAsync(string agentId, CampaignConfig config)
    {
        Row.Status = RecordStatus.InProgress;
        // The deadline goes first: should the write fail, it fires, finds nothing in progress, and ends.
        if (config.PreviewSeconds is { } seconds)
        {
            var at = time.GetUtcNow() + TimeSpan.FromSeconds(seconds);
            await AutoDial.SetAsync(AutoDialDeadline, at);
            Row.Detail.AutoDialAt = at;
        }
        await WriteRowAsync();
        await Agent(agentId).Accept(RecordId);
    }

    /// <summary>
    /// The attempt (with its call's id) is written before the call is placed, so that a crash
    /// between the two leaves an attempt that names a call that never was, not a call nobody knows of.
    /// </summary>
    private async Task DialAsync(string agentId, string number, CampaignConfig config)
    {
        var now = time.GetUtcNow();
        if ((await doNotCall.FindAsync([number])).Count > 0) throw CampaignErrors.NumberOnDoNotCall(number);
        if (!CallingClock.IsOpen(config.CallingHours, Row.TimeZone, now)) throw CampaignErrors.OutsideCallingHours(config.CallingHours, Row.TimeZone, now);
        var callId = Guid.NewGuid().ToString("N");
        var dial = new RecordAttempt(now, agentId, number, null, "Dialed", callId);
        if (Row.Detail.CallIndex is { } open) Row.Detail.History[open] = dial;
        else
        {
            Row.Detail.History.Add(dial);
            Row.Detail.CallIndex = Row.Detail.History.Count - 1;
        }
        await WriteAndStopAutoDialAsync();
        try
        {
            await GrainFactory.GetGrain<ICallGrain>(callId).DialOut(new OutboundCall(agentId, config.ServiceId, number, RecordId));
        }
        catch (ContactException notPlaced)
        {
            Row.Detail.History[Row.Detail.CallIndex!.Value] = dial with { Notes = $"Not placed: {notPlaced.Code}" };
            await WriteRowAsync();
            throw;
        }
    }

    /// <summary>Back to the list, due at <paramref name="dueAt"/>, for anyone or for the agent it is kept for.</summary>
    private async Task ReturnAsync(DateTimeOffset dueAt, string keptFor, AgentCount? tally = null)
    {
        Row.Status = RecordStatus.Waiting;
        Row.AgentId = keptFor;
        Row.DueAt = dueAt;
        Row.Detail.CallIndex = null;
        Row.Detail.Dialer = false;
        await WriteAndStopAutoDialAsync(tally);
    }

    /// <summary>
    /// Writes the row, with what the agent did counted in the same transaction; an armed auto-dial
    /// is no longer wanted (if it fires first, it finds nothing to do).
    /// </summary>
    private async Task WriteAndStopAutoDialAsync(AgentCount? tally = null)
    {
        var armed = Row.Detail.AutoDialAt is not null;
        Row.Detail.AutoDialAt = null;
        await WriteRowAsync(tally);
        if (armed) await AutoDial.ClearAsync(AutoDialDeadline);
    }

    /// <summary>
    /// Writes the row as changed in memory. When the write fails (another writer won, or its outcome
    /// is unknown) the copy in memory is no longer the stored one: the activation goes, and the next
    /// call reads the row again.
    /// </summary>
    private async Task WriteRowAsync(AgentCount? tally = null)
    {
        try
        {
            await store.WriteAsync(Row, tally);
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }
    }

    /// <summary>
    /// Whether this is a completion sent again: the desktop resends when it did not hear the answer
    /// to the first (a silo died between the write and the reply). The record's last attempt is then
    /// this agent's, with this disposition, and nobody has had the record since.
    /// </summary>
    private bool CompletedAlreadyBy(string agentId, string? disposition) =>
        row is { Status: RecordStatus.Completed or RecordStatus.Waiting, AgentId: "" }
        && row.Detail.History.LastOrDefault() is { Disposition: { } done } last && last.AgentId == agentId
        && (string.IsNullOrWhiteSpace(disposition) || string.Equals(done, disposition.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The first completion may have been written without reaching the agent: the agent lets go of the record now.</summary>
    private async Task<CallingRecordView> AnswerResentCompletionAsync(string agentId)
    {
        var agent = await Agent(agentId).GetView();
        if (agent.Interactions.Any(i => i.Id == RecordId)) await Agent(agentId).EndInteraction(RecordId, null);
        return await GetView();
    }

    private CallingRecordRow Held(string agentId)
    {
        if (Row.Status is not (RecordStatus.Offered or RecordStatus.InProgress) || Row.AgentId != agentId)
        {
            throw CampaignErrors.NotYours(RecordId, agentId);
        }
        return Row;
    }

    private string NumberOf(string number) =>
        Row.Phones.FirstOrDefault(p => p == number.Trim()) ?? throw CampaignErrors.NumberNotOnRecord(number);

    private IAgentGrain Agent(string agentId) => GrainFactory.GetGrain<IAgentGrain>(agentId);

    private async Task<CallingRecordView> ViewAsync(CampaignView campaign)
    {
        var now = time.GetUtcNow();
        return new CallingRecordView(RecordId, Row.CampaignId, Row.Name, await PhonesAsync(campaign.Config), Row.Fields, Row.TimeZone,
            StateOf(Row.Status, Row.DueAt > now), Row.AgentId == "" ? null : Row.AgentId, Row.DueAt, Row.Attempts,
            Row.Disposition == "" ? null : Row.Disposition, [.. Row.Detail.History]);
    }

    /// <summary>
    /// The numbers, one marked for dialing now: none outside calling hours; else the number a
    /// reschedule asked for, or the one tried least (first in the list on a tie), never one on
    /// the do not call list.
    /// </summary>
    private async Task<RecordPhone[]> PhonesAsync(CampaignConfig config)
    {
        var barred = await doNotCall.FindAsync([.. Row.Phones]);
        var open = CallingClock.IsOpen(config.CallingHours, Row.TimeZone, time.GetUtcNow());
        var recommended = !open ? null : Row.Phones
            .Where(p => !barred.Contains(p))
            .OrderBy(p => p == Row.Detail.Number ? 0 : 1)
            .ThenBy(p => Row.Detail.History.Count(h => h.Number == p && h.Disposition is not null))
            .FirstOrDefault();
        return [.. Row.Phones.Select(p => new RecordPhone(p, p == recommended))];
    }
}
