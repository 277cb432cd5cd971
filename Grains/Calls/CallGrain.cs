using System.Text.Json;
using Contact.Grains.Customers;
using Contact.Grains.Interfaces;
using Contact.Storage;
using Microsoft.Extensions.Logging;

namespace Contact.Grains.Calls;

/// <summary>
/// One voice call. An inbound caller waits in the call's conference while the service's queue
/// offers the call; the agent who answers has its phone rung into the conference. The call's
/// state is written before Twilio is asked to do anything, so a crash leaves at worst a leg that
/// Twilio's next callback or the customer's hang-up ends. Twilio's callbacks move each leg's
/// status forward only, so one that comes late, twice or out of order changes nothing.
/// </summary>
[GrainType("call")]
public sealed partial class CallGrain(
    [PersistentState("call", ContactGrainStorage.Name)] IPersistentState<CallRecord> state,
    IVoiceGateway voice,
    TimeProvider time,
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    public const string ConnectedEvent = "call.connected";
    public const string DisconnectedEvent = "call.disconnected";

    private CallRecord Call => state.State;
    private string CallId => this.GetPrimaryKeyString();

    public async Task<CallArrival> ArriveInbound(InboundCall call)
    {
        if (Call.Arrival is { } arrival)
        {
            // A retried webhook: a crash may have come between the write and the queue's.
            if (Call.State == CallState.Queued) await Queue.EnqueueCall(CallId, OfferDetails(), front: false);
            return arrival;
        }
        var serviceId = await GrainFactory.GetGrain<IServiceNumberGrain>(ServiceNumbers.Voice(call.To)).GetServiceId();
        if (serviceId is null) return Refused("The number you have called is not in service.");
        var service = await GrainFactory.GetGrain<IServiceQueueGrain>(serviceId).GetConfig();
        if (!service.Channels.Contains(Channels.Voice)) return Refused("This number does not take calls.");
        var customer = await CustomerLookup.ResolveAsync(GrainFactory, new CustomerContact(null, null, call.From, null));
        if (customer.Banned) return Refused("We are sorry, we cannot take your call.");

        Call.Started = true;
        Call.Direction = CallDirection.Inbound;
        Call.State = CallState.Queued;
        Call.ServiceId = serviceId;
        Call.CustomerNumber = call.From;
        Call.ServiceNumber = call.To;
        Call.CustomerId = customer.CustomerId;
        Call.CustomerName = customer.Name;
        Call.Legs[CallLegs.Customer] = new CallLeg { CallSid = call.CallSid, Status = "in-progress" };
        Call.StartedAt = time.GetUtcNow();
        Call.Arrival = new CallArrival(CallConferences.Of(CallId), null);
        await state.WriteStateAsync();
        await Queue.EnqueueCall(CallId, OfferDetails(), front: false);
        return Call.Arrival;
    }

    public Task<CallView> GetView()
    {
        EnsureStarted();
        return Task.FromResult(View());
    }

    public async Task<CallView> Answer(string agentId)
    {
        EnsureOpen();
        if (Call.State != CallState.Queued) return Call.AgentId == agentId ? View() : throw CallErrors.NotYours(CallId, agentId);
        if (Call.Campaign is null) await Queue.ClaimOffer(CallId, agentId);
        else if (Call.OfferedTo != agentId) throw CallErrors.NotYours(CallId, agentId);
        await Agent(agentId).Accept(CallId);
        var phone = await GrainFactory.GetGrain<IAgentPhoneGrain>(agentId).Get();
        Call.State = CallState.Connecting;
        Call.AgentId = agentId;
        if (!Call.Agents.Contains(agentId)) Call.Agents.Add(agentId);
        await state.WriteStateAsync();
        try
        {
            var leg = await voice.DialIntoConferenceAsync(new ConferenceDial(CallId, CallLegs.Agent, Call.ServiceNumber, phone.AddressOf(agentId), EndsConference: false));
            Call.Legs[CallLegs.Agent] = new CallLeg { CallSid = leg.CallSid, Status = "queued" };
            Call.ConferenceSid = leg.ConferenceSid;
            Call.AgentMuted = false;
            await state.WriteStateAsync();
            return View();
        }
        catch (VoiceException failed)
        {
            await BackToQueueAsync(agentId);
            throw CallErrors.PhoneNotReached(agentId, failed.Message);
        }
    }

    public async Task<CallView> Reject(string agentId)
    {
        EnsureOpen();
        if (Call.State != CallState.Queued) throw CallErrors.NotYours(CallId, agentId);
        if (Call.Campaign is null)
        {
            await Queue.DeclineOffer(CallId, agentId);
            return View();
        }
        if (Call.OfferedTo != agentId) throw CallErrors.NotYours(CallId, agentId);
        await Agent(agentId).Reject(CallId);
        await RequeueFirstAsync();
        return View();
    }

    public async Task<CallView> Release(string agentId)
    {
        EnsureStarted();
        // An agent whose part has ended (the call ended, or went on without it) has nothing left to release.
        if (Call.AgentId != agentId && Call.Agents.Contains(agentId)) return View();
        EnsureHandledBy(agentId);
        await HangUpOrHandOverAsync(agentId, $"released by agent {agentId}");
        return View();
    }

    /// <summary>
    /// The agent leaves the call. With a consultation connected, the consulted party takes the
    /// call (hanging up during a consultation transfers it, as on a desk phone); otherwise the call ends.
    /// </summary>
    private async Task HangUpOrHandOverAsync(string agentId, string reason)
    {
        if (Call.Consultation is { Connected: true }) await HandOverAsync(agentId);
        else await FinishAsync(reason);
    }

    public async Task<CallView> SetDisposition(string agentId, string disposition, string? notes)
    {
        EnsureStarted();
        if (!Call.Agents.Contains(agentId)) throw CallErrors.NotYours(CallId, agentId);
        if (Call.RecordId is { } recordId)
        {
            // A campaign's disposition completes the record's attempt (the campaign's names only,
            // checked there first); completing frees the agent, so a call still up ends with it.
            await GrainFactory.GetGrain<ICallingRecordGrain>(recordId).CompleteCall(agentId, CallId, disposition, notes);
            if (Call.State != CallState.Ended && Call.AgentId == agentId) await FinishAsync($"completed by agent {agentId}");
        }
        Call.Disposition = disposition;
        Call.Notes = notes;
        await state.WriteStateAsync();
        return View();
    }

    public async Task ReportStatus(CallStatusReport report)
    {
        EnsureStarted();
        AdoptLostLeg(report.CallSid);
        var (name, leg) = Call.Legs.FirstOrDefault(l => l.Value.CallSid == report.CallSid);
        // A leg of an earlier agent, or one this call never had: nothing of the call's changes.
        if (leg is null || !CallProgress.MovesForward(leg.Status, report.Status)) return;
        leg.Status = report.Status;
        if (Call.State != CallState.Ended)
        {
            var answered = report.Status == CallProgress.InProgress;
            var gone = CallProgress.IsFinal(report.Status);
            switch (name)
            {
                case CallLegs.Customer when Call.State == CallState.Dialing:
                    await CampaignLegMovedAsync(report.Status);
                    break;
                case CallLegs.Customer when gone && Call is { Campaign: not null, State: CallState.Queued }:
                    await EndUnhandledAsync(SystemDispositions.Abandoned, null, "the customer hung up before an agent answered");
                    break;
                case CallLegs.Customer when !CustomerWaitsForAgent && Call.State == CallState.Connecting:
                    if (answered) await ConnectedAsync();
                    else if (gone) await FinishAsync($"the customer's line: {report.Status}");
                    break;
                case CallLegs.Customer when gone:
                    await FinishAsync("the customer hung up");
                    break;
                case CallLegs.Agent when Call.AgentId is { } agentId && Call.State == CallState.Connecting && CustomerWaitsForAgent:
                    if (answered) await ConnectedAsync();
                    else if (gone) await PhoneNotAnsweredAsync(agentId);
                    break;
                case CallLegs.Agent when Call.AgentId is { } agentId && gone:
                    await HangUpOrHandOverAsync(agentId, $"agent {agentId} hung up");
                    break;
                case CallLegs.Consult:
                    await ConsultedLegMovedAsync(answered, gone);
                    break;
                case CallLegs.External when answered:
                    await SetHoldAsync(false);
                    break;
                case CallLegs.External when gone && Call.AgentId is null:
                    await FinishAsync($"{Call.ExternalNumber} hung up");
                    break;
            }
        }
        await state.WriteStateAsync();
    }

    /// <summary>The agent's phone answered; a customer left on hold by a transfer is taken off it.</summary>
    private async Task ConnectedAsync()
    {
        Call.State = CallState.Connected;
        Call.AnsweredAt ??= time.GetUtcNow();
        await SetHoldAsync(false);
        await ChangedAsync(ConnectedEvent, Call.CustomerNumber);
    }

    /// <summary>The agent's phone rang out: the agent is Not Ready (No Answer) and the caller goes back to the front of the queue.</summary>
    private async Task PhoneNotAnsweredAsync(string agentId)
    {
        await Agent(agentId).PhoneNotAnswered(CallId);
        Call.Legs.Remove(CallLegs.Agent);
        await RequeueFirstAsync();
    }

    /// <summary>The agent's phone could not be rung at all: the agent is free again and the caller first in line.</summary>
    private async Task BackToQueueAsync(string agentId)
    {
        await Agent(agentId).EndInteraction(CallId, null);
        await RequeueFirstAsync();
    }

    /// <summary>
    /// The caller waits again, first in line; the call's state is written before the queue's. A
    /// campaign's call goes to another of the campaign's agents, or hears the abandon message.
    /// </summary>
    private async Task RequeueFirstAsync()
    {
        Call.State = CallState.Queued;
        Call.AgentId = null;
        Call.OfferedTo = null;
        await state.WriteStateAsync();
        if (Call.Campaign is { } campaign) await FindAgentAsync(campaign);
        else await Queue.EnqueueCall(CallId, OfferDetails(), front: true);
    }

    /// <summary>
    /// The call ends: the agent goes to wrap-up as for a chat, the end is written, and only then
    /// are the legs still up hung up (a failure there is logged: the end is already certain).
    /// </summary>
    /// <param name="wrapUp">False for a call that never got going: the agent is free at once.</param>
    /// <param name="farewell">Spoken to the customer before the customer's leg ends.</param>
    private async Task FinishAsync(string reason, bool wrapUp = true, string? farewell = null)
    {
        var agentId = Call.AgentId;
        if (Call is { State: CallState.Queued, Campaign: null }) await Queue.Withdraw(CallId);
        else if (Call is { State: CallState.Queued, OfferedTo: { } offeredTo }) await Agent(offeredTo).Revoke(CallId);
        // A preview's call ends, the record's preview goes on until the agent completes it.
        else if (agentId is not null && (Call.RecordId is null || Call.Campaign is not null))
        {
            await Agent(agentId).EndInteraction(CallId, wrapUp ? await WrapUpSecondsAsync() : null);
        }
        Call.State = CallState.Ended;
        Call.AgentId = null;
        Call.EndedAt = time.GetUtcNow();
        Call.EndReason = reason;
        if (Call.Consultation?.AgentId is { } consulted) await Agent(consulted).EndInteraction(CallId, null);
        Call.Consultation = null;
        await state.WriteStateAsync();
        if (agentId is not null) await TellAsync(agentId, DisconnectedEvent, reason);
        await HangUpAsync([.. Call.Legs.Keys], farewell);
    }

    /// <summary>Ends the named legs that are still up; called after the write that made them unneeded, so a failure is only logged.</summary>
    /// <param name="farewell">Spoken to the customer's leg before it ends.</param>
    private async Task HangUpAsync(IEnumerable<string> legs, string? farewell = null)
    {
        foreach (var name in legs)
        {
            if (!Call.Legs.TryGetValue(name, out var leg) || CallProgress.IsFinal(leg.Status)) continue;
            try
            {
                if (name == CallLegs.Customer && farewell is not null) await voice.SayAndHangUpAsync(leg.CallSid, farewell);
                else await voice.HangUpAsync(leg.CallSid);
                leg.Status = CallProgress.Completed;
            }
            catch (VoiceException failed)
            {
                logger.LogWarning("Call {CallId}: the {Leg} leg {CallSid} could not be hung up: {Reason}", CallId, name, leg.CallSid, failed.Message);
            }
        }
    }

    /// <summary>The customer is on the line first and the agent's phone joins (an inbound call, a campaign's own call); else the agent hears the customer's line ring.</summary>
    private bool CustomerWaitsForAgent => Call.Direction == CallDirection.Inbound || Call.Campaign is not null;

    private CallArrival Refused(string message) => new(null, message);

    private IServiceQueueGrain Queue => GrainFactory.GetGrain<IServiceQueueGrain>(Call.ServiceId);

    private IAgentGrain Agent(string agentId) => GrainFactory.GetGrain<IAgentGrain>(agentId);

    private Dictionary<string, string> OfferDetails() => new()
    {
        ["callId"] = CallId,
        ["customerPhone"] = Call.CustomerNumber,
        ["customerName"] = Call.CustomerName ?? "",
        ["serviceNumber"] = Call.ServiceNumber,
    };

    private void EnsureStarted()
    {
        if (!Call.Started) throw CallErrors.NotFound(CallId);
    }

    private void EnsureOpen()
    {
        EnsureStarted();
        if (Call.State == CallState.Ended) throw CallErrors.Ended(CallId);
    }

    private void EnsureConnectedTo(string agentId)
    {
        EnsureHandledBy(agentId);
        if (Call.State != CallState.Connected) throw CallErrors.NotConnected(CallId, Call.State);
    }

    private void EnsureHandledBy(string agentId)
    {
        EnsureOpen();
        if (Call.State == CallState.Queued || Call.AgentId != agentId) throw CallErrors.NotYours(CallId, agentId);
    }

    private CallView View() => new(CallId, Call.Direction, Call.State, Call.ServiceId, Call.CustomerNumber, Call.ServiceNumber,
        Call.CustomerId, Call.CustomerName, Call.AgentId, [.. Call.Agents], Call.StartedAt, Call.AnsweredAt, Call.EndedAt,
        Call.EndReason, Call.Disposition, Call.Notes, Call.CustomerOnHold, Call.AgentMuted, [.. Call.Recordings], Call.Consultation, Call.ExternalNumber,
        Call.RecordId, Call.AnsweredBy);
}
