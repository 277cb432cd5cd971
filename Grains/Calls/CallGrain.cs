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
public sealed class CallGrain(
    [PersistentState("call", ContactGrainStorage.Name)] IPersistentState<CallRecord> state,
    IVoiceGateway voice,
    TimeProvider time,
    ILogger<CallGrain> logger) : Grain, ICallGrain
{
    public const string ConnectedEvent = "call.connected";
    public const string HeldEvent = "call.held";
    public const string RetrievedEvent = "call.retrieved";
    public const string MutedEvent = "call.muted";
    public const string UnmutedEvent = "call.unmuted";
    public const string DigitsEvent = "call.digits";
    public const string RecordingEvent = "call.recording";

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
        var service = await GrainFactory.GetGrain<IServiceQueueGrain>(serviceId).GetView();
        if (!service.Channels.Contains(Channels.Voice)) return Refused("This number does not take calls.");
        var (customerId, banned) = await CustomerLookup.ResolveAsync(GrainFactory, new CustomerContact(null, null, call.From, null));
        if (banned) return Refused("We are sorry, we cannot take your call.");

        Call.Started = true;
        Call.Direction = CallDirection.Inbound;
        Call.State = CallState.Queued;
        Call.ServiceId = serviceId;
        Call.CustomerNumber = call.From;
        Call.ServiceNumber = call.To;
        Call.CustomerId = customerId;
        Call.CustomerName = (await GrainFactory.GetGrain<ICustomerGrain>(customerId).GetView()).Name;
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
        await Queue.ClaimOffer(CallId, agentId);
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
        await Queue.DeclineOffer(CallId, agentId);
        return View();
    }

    public async Task<CallView> Release(string agentId)
    {
        EnsureStarted();
        if (Call.State == CallState.Ended && Call.Agents.Contains(agentId)) return View();
        EnsureHandledBy(agentId);
        await FinishAsync($"released by agent {agentId}");
        return View();
    }

    public async Task<CallView> Hold(string agentId, bool onHold)
    {
        EnsureConnectedTo(agentId);
        if (Call.CustomerOnHold == onHold) return View();
        await TwilioAsync(() => voice.UpdateLegAsync(Call.ConferenceSid!, Call.Legs[CallLegs.Customer].CallSid, new LegChange(Hold: onHold)));
        Call.CustomerOnHold = onHold;
        return await ChangedAsync(onHold ? HeldEvent : RetrievedEvent, null);
    }

    public async Task<CallView> Mute(string agentId, bool muted)
    {
        EnsureConnectedTo(agentId);
        if (Call.AgentMuted == muted) return View();
        await TwilioAsync(() => voice.UpdateLegAsync(Call.ConferenceSid!, Call.Legs[CallLegs.Agent].CallSid, new LegChange(Muted: muted)));
        Call.AgentMuted = muted;
        return await ChangedAsync(muted ? MutedEvent : UnmutedEvent, null);
    }

    public async Task<CallView> SendDigits(string agentId, string digits)
    {
        EnsureConnectedTo(agentId);
        await TwilioAsync(() => voice.UpdateLegAsync(Call.ConferenceSid!, Call.Legs[CallLegs.Customer].CallSid, new LegChange(Digits: digits)));
        return await ChangedAsync(DigitsEvent, digits);
    }

    /// <summary>One recording runs at a time: it can be paused, resumed and stopped; after it stops, a new one can start.</summary>
    public async Task<CallView> Record(string agentId, RecordingAction action)
    {
        EnsureConnectedTo(agentId);
        var running = Call.Recordings.LastOrDefault(r => !RecordingStatuses.IsOver(r.Status));
        var customerLeg = Call.Legs[CallLegs.Customer].CallSid;
        switch (action, running)
        {
            case (RecordingAction.Start, null):
                var sid = await TwilioAsync(() => voice.StartRecordingAsync(CallId, customerLeg));
                Call.Recordings.Add(new CallRecording(sid, RecordingStatuses.InProgress, time.GetUtcNow(), null));
                return await ChangedAsync(RecordingEvent, RecordingStatuses.InProgress);
            case (RecordingAction.Start, _):
                throw CallErrors.Recording(CallId, "a recording runs already; stop it first");
            case (_, null):
                throw CallErrors.Recording(CallId, "no recording runs");
            default:
                var status = action switch
                {
                    RecordingAction.Pause => RecordingStatuses.Paused,
                    RecordingAction.Resume => RecordingStatuses.InProgress,
                    _ => RecordingStatuses.Stopped,
                };
                if (running.Status == status) return View();
                await TwilioAsync(() => voice.SetRecordingAsync(customerLeg, running.Sid, status));
                Call.Recordings[Call.Recordings.IndexOf(running)] = running with { Status = status };
                return await ChangedAsync(RecordingEvent, status);
        }
    }

    public async Task ReportRecording(RecordingReport report)
    {
        EnsureStarted();
        var index = Call.Recordings.FindIndex(r => r.Sid == report.RecordingSid);
        if (index < 0) return;
        var known = Call.Recordings[index];
        // Only the end's status and length are news: the pauses and resumes were ours.
        if (!RecordingStatuses.IsOver(report.Status) || (known.Status == report.Status && known.DurationSeconds == report.DurationSeconds)) return;
        Call.Recordings[index] = known with { Status = report.Status, DurationSeconds = report.DurationSeconds ?? known.DurationSeconds };
        await state.WriteStateAsync();
    }

    public async Task<CallView> SetDisposition(string agentId, string disposition, string? notes)
    {
        EnsureStarted();
        if (!Call.Agents.Contains(agentId)) throw CallErrors.NotYours(CallId, agentId);
        Call.Disposition = disposition;
        Call.Notes = notes;
        await state.WriteStateAsync();
        return View();
    }

    public async Task ReportStatus(CallStatusReport report)
    {
        EnsureStarted();
        var (name, leg) = Call.Legs.FirstOrDefault(l => l.Value.CallSid == report.CallSid && (report.Leg is null || report.Leg == l.Key));
        // A leg of an earlier agent, or one this call never had: nothing of the call's changes.
        if (leg is null || !CallProgress.MovesForward(leg.Status, report.Status)) return;
        leg.Status = report.Status;
        if (name == CallLegs.Agent && Call.AgentId is { } agentId && Call.State != CallState.Ended)
        {
            if (report.Status == CallProgress.InProgress && Call.State == CallState.Connecting) await ConnectedAsync();
            else if (CallProgress.IsFinal(report.Status) && Call.State == CallState.Connecting) await PhoneNotAnsweredAsync(agentId);
            else if (CallProgress.IsFinal(report.Status)) await FinishAsync($"agent {agentId} hung up");
        }
        else if (name == CallLegs.Customer && CallProgress.IsFinal(report.Status) && Call.State != CallState.Ended)
        {
            await FinishAsync("the customer hung up");
        }
        await state.WriteStateAsync();
    }

    private async Task ConnectedAsync()
    {
        Call.State = CallState.Connected;
        Call.AnsweredAt = time.GetUtcNow();
        await ChangedAsync(ConnectedEvent, Call.CustomerNumber);
    }

    /// <summary>The agent's phone rang out: the agent is Not Ready (No Answer) and the caller goes back to the front of the queue.</summary>
    private async Task PhoneNotAnsweredAsync(string agentId)
    {
        await Agent(agentId).PhoneNotAnswered(CallId);
        Call.Legs.Remove(CallLegs.Agent);
        Call.State = CallState.Queued;
        Call.AgentId = null;
        await state.WriteStateAsync();
        await Queue.EnqueueCall(CallId, OfferDetails(), front: true);
    }

    /// <summary>The agent's phone could not be rung at all: the agent is free again and the caller first in line.</summary>
    private async Task BackToQueueAsync(string agentId)
    {
        await Agent(agentId).EndInteraction(CallId, null);
        Call.State = CallState.Queued;
        Call.AgentId = null;
        await state.WriteStateAsync();
        await Queue.EnqueueCall(CallId, OfferDetails(), front: true);
    }

    /// <summary>
    /// The call ends: the agent goes to wrap-up as for a chat, the end is written, and only then
    /// are the legs still up hung up (a failure there is logged: the end is already certain).
    /// </summary>
    private async Task FinishAsync(string reason)
    {
        if (Call.State == CallState.Queued) await Queue.Withdraw(CallId);
        else if (Call.AgentId is { } agentId) await Agent(agentId).EndInteraction(CallId, (await Queue.GetView()).WrapUpSeconds);
        Call.State = CallState.Ended;
        Call.AgentId = null;
        Call.EndedAt = time.GetUtcNow();
        Call.EndReason = reason;
        await state.WriteStateAsync();
        foreach (var (name, leg) in Call.Legs.Where(l => !CallProgress.IsFinal(l.Value.Status)))
        {
            try
            {
                await voice.HangUpAsync(leg.CallSid);
            }
            catch (VoiceException failed)
            {
                logger.LogWarning("Call {CallId}: the {Leg} leg {CallSid} could not be hung up: {Reason}", CallId, name, leg.CallSid, failed.Message);
            }
        }
    }

    /// <summary>Writes what changed and tells the agent: each call control is an event on its stream.</summary>
    private async Task<CallView> ChangedAsync(string kind, string? detail)
    {
        await state.WriteStateAsync();
        await Agent(Call.AgentId!).PostEvent(kind, JsonSerializer.Serialize(new CallEvent(CallId, Call.State, Call.AgentId, detail), GrainJson.Options));
        return View();
    }

    /// <summary>Twilio is asked first: when it refuses, nothing of the call has changed.</summary>
    private async Task<T> TwilioAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (VoiceException failed)
        {
            throw CallErrors.ProviderFailed(CallId, failed);
        }
    }

    private Task TwilioAsync(Func<Task> operation) => TwilioAsync(async () =>
    {
        await operation();
        return true;
    });

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
        Call.EndReason, Call.Disposition, Call.Notes, Call.CustomerOnHold, Call.AgentMuted, [.. Call.Recordings]);
}
