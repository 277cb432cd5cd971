using Contact.Grains.Interfaces;

namespace Contact.Grains.Calls;

/// <summary>
/// Transfers and consultations. The customer waits on hold whenever nobody talks with them; an
/// agent whose part ends goes to wrap-up with the service's limit, as at the end of a call.
/// </summary>
public sealed partial class CallGrain
{
    public const string ConsultingEvent = "call.consulting";
    public const string ConsultationConnectedEvent = "call.consultation-connected";
    public const string ConferencedEvent = "call.conferenced";
    public const string ConsultationEndedEvent = "call.consultation-ended";

    public async Task<CallView> Transfer(string agentId, CallTarget target)
    {
        EnsureConnectedTo(agentId);
        if (Call.Consultation is not null) throw CallErrors.ConsultationUnderWay(CallId);
        if (target.AgentId == agentId) throw CallErrors.TransferToSelf(agentId);
        var wrapUp = await WrapUpSecondsAsync();
        if (target.Number is { } number)
        {
            // The customer stays on hold until the number answers.
            await SetHoldAsync(true);
            var leg = await TwilioAsync(() => voice.DialIntoConferenceAsync(new ConferenceDial(CallId, CallLegs.External, Call.ServiceNumber, number, EndsConference: false)));
            Call.Legs[CallLegs.External] = new CallLeg { CallSid = leg.CallSid, Status = "queued" };
            Call.ExternalNumber = number;
        }
        else
        {
            await SetHoldAsync(true);
            try
            {
                if (target.AgentId is { } toAgent) await Queue.OfferTo(CallId, InteractionKinds.Call, toAgent, OfferDetails());
                else await ToServiceAsync(target.ServiceId!);
            }
            catch (ContactException)
            {
                // The agent or the service cannot take the call: the customer is back with this agent.
                await SetHoldAsync(false);
                throw;
            }
            Call.State = CallState.Queued;
        }
        await LeaveAsync(agentId, wrapUp);
        return View();
    }

    public async Task<CallView> Consult(string agentId, CallTarget target)
    {
        EnsureConnectedTo(agentId);
        if (Call.Consultation is not null) throw CallErrors.ConsultationUnderWay(CallId);
        if (target.AgentId == agentId) throw CallErrors.TransferToSelf(agentId);
        var address = target.Number;
        if (target.AgentId is { } consulted)
        {
            // The consulted agent takes the call on its desktop at once: its phone rings now.
            await Agent(consulted).Offer(new InteractionOffer(CallId, InteractionKinds.Call, null, OfferDetails()));
            await Agent(consulted).Accept(CallId);
            address = (await GrainFactory.GetGrain<IAgentPhoneGrain>(consulted).Get()).AddressOf(consulted);
        }
        try
        {
            await SetHoldAsync(true);
            var leg = await TwilioAsync(() => voice.DialIntoConferenceAsync(new ConferenceDial(CallId, CallLegs.Consult, Call.ServiceNumber, address!, EndsConference: false)));
            Call.Legs[CallLegs.Consult] = new CallLeg { CallSid = leg.CallSid, Status = "queued" };
        }
        catch (ContactException) when (target.AgentId is { } notRung)
        {
            await Agent(notRung).EndInteraction(CallId, null);
            throw;
        }
        Call.Consultation = new CallConsultation(target.AgentId, target.Number, Connected: false, Conferenced: false);
        return await ChangedAsync(ConsultingEvent, target.AgentId ?? target.Number);
    }

    public async Task<CallView> FinishConsultation(string agentId, ConsultationEnd end)
    {
        EnsureConnectedTo(agentId);
        var consultation = Call.Consultation ?? throw CallErrors.NoConsultation(CallId);
        if (end != ConsultationEnd.Cancel && !consultation.Connected) throw CallErrors.ConsultationNotConnected(CallId);
        switch (end)
        {
            case ConsultationEnd.Transfer:
                await HandOverAsync(agentId);
                return View();
            case ConsultationEnd.Conference:
                await SetHoldAsync(false);
                Call.Consultation = consultation with { Conferenced = true };
                return await ChangedAsync(ConferencedEvent, consultation.AgentId ?? consultation.Number);
            default:
                if (consultation.AgentId is { } consulted) await Agent(consulted).EndInteraction(CallId, null);
                Call.Consultation = null;
                await SetHoldAsync(false);
                await ChangedAsync(ConsultationEndedEvent, consultation.AgentId ?? consultation.Number);
                await HangUpAsync([CallLegs.Consult]);
                return View();
        }
    }

    /// <summary>The consulted party takes the call and the agent's part ends: a consulted agent becomes the call's agent, a consulted number its outside party.</summary>
    private async Task HandOverAsync(string agentId)
    {
        var consultation = Call.Consultation!;
        var wrapUp = await WrapUpSecondsAsync();
        var consultedLeg = Call.Legs[CallLegs.Consult];
        Call.Consultation = null;
        Call.Legs.Remove(CallLegs.Consult);
        await SetHoldAsync(false);
        var leaving = Call.Legs[CallLegs.Agent];
        Call.Legs[consultation.AgentId is null ? CallLegs.External : CallLegs.Agent] = consultedLeg;
        Call.Legs[LeftLeg(leaving)] = leaving;
        await Agent(agentId).EndInteraction(CallId, wrapUp);
        Call.AgentId = consultation.AgentId;
        Call.AgentMuted = false;
        Call.ExternalNumber = consultation.Number;
        if (consultation.AgentId is { } taking)
        {
            if (!Call.Agents.Contains(taking)) Call.Agents.Add(taking);
            await ChangedAsync(ConnectedEvent, Call.CustomerNumber, tell: taking);
        }
        else
        {
            await state.WriteStateAsync();
        }
        await HangUpAsync([LeftLeg(leaving)]);
    }

    /// <summary>The consulted party's phone answered, or hung up (or never answered).</summary>
    private async Task ConsultedLegMovedAsync(bool answered, bool gone)
    {
        if (Call.Consultation is not { } consultation || Call.AgentId is not { } agentId) return;
        if (answered)
        {
            Call.Consultation = consultation with { Connected = true };
            await TellAsync(agentId, ConsultationConnectedEvent, consultation.AgentId ?? consultation.Number);
        }
        else if (gone)
        {
            if (consultation.AgentId is { } consulted) await Agent(consulted).EndInteraction(CallId, null);
            Call.Consultation = null;
            await TellAsync(agentId, ConsultationEndedEvent, consultation.AgentId ?? consultation.Number);
        }
    }

    /// <summary>The agent's part of the call ends (wrap-up follows), and its leg is hung up once that is written.</summary>
    private async Task LeaveAsync(string agentId, int? wrapUpSeconds)
    {
        await Agent(agentId).EndInteraction(CallId, wrapUpSeconds);
        var leaving = Call.Legs[CallLegs.Agent];
        Call.Legs.Remove(CallLegs.Agent);
        Call.Legs[LeftLeg(leaving)] = leaving;
        Call.AgentId = null;
        Call.AgentMuted = false;
        await state.WriteStateAsync();
        await HangUpAsync([LeftLeg(leaving)]);
    }

    /// <summary>Where a leg that left the call is kept, so that its late callbacks find it and change nothing.</summary>
    private static string LeftLeg(CallLeg leg) => $"left:{leg.CallSid}";

    private async Task ToServiceAsync(string serviceId)
    {
        var service = await GrainFactory.GetGrain<IServiceQueueGrain>(serviceId).GetConfig();
        if (!service.Channels.Contains(Channels.Voice)) throw CallErrors.ChannelNotOffered(serviceId);
        Call.ServiceId = serviceId;
        await Queue.EnqueueCall(CallId, OfferDetails(), front: true);
    }

    private async Task<int?> WrapUpSecondsAsync() => (await Queue.GetConfig()).WrapUpSeconds;
}
