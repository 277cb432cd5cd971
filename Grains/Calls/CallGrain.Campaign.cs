using Contact.Grains.Interfaces;
using Microsoft.Extensions.Logging;

namespace Contact.Grains.Calls;

/// <summary>
/// Calls a progressive or predictive campaign places by itself. Only the customer is rung, with
/// answering machine detection, and who answered decides: a person is given to the Ready agent
/// the campaign hands over, and hears the campaign's abandon message when none is free within
/// <see cref="AbandonAfter"/>; a machine is hung up on, left the campaign's message after the beep,
/// or given to an agent; a call nobody answered ends the record's attempt with a disposition of
/// the system's. Once an agent has it, the call is handled as any service call.
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>A person who answered waits at most this long for an agent: the TSR's 2 seconds.</summary>
    public static readonly TimeSpan AbandonAfter = TimeSpan.FromSeconds(2);

    /// <summary>What an abandoned call hears when its campaign sets no message.</summary>
    public const string DefaultAbandonMessage = "We are sorry, all of our agents are busy. We will call you again later. Goodbye.";

    // While no agent is free, the campaign is asked again this often, until AbandonAfter has passed.
    private static readonly TimeSpan claimRetry = TimeSpan.FromMilliseconds(250);

    private IGrainTimer? claimTimer;
    private IGrainTimer? offerTimer;

    public async Task<CallView> DialForCampaign(CampaignCall call)
    {
        if (Call.Started) return View();
        var (from, customerId, customerName) = await PrepareOutboundAsync(call.ServiceId, call.To);
        StartOutbound(CallState.Dialing, call.ServiceId, call.To, from, customerId, customerName ?? call.CustomerName, call.RecordId);
        Call.Campaign = call;
        await state.WriteStateAsync();
        try
        {
            var leg = await voice.DialIntoConferenceAsync(new ConferenceDial(CallId, CallLegs.Customer, from, call.To, EndsConference: true,
                DetectMachine: true, WaitForBeep: call.Machine == MachineAction.Message));
            Call.Legs[CallLegs.Customer] = new CallLeg { CallSid = leg.CallSid, Status = "queued" };
            Call.ConferenceSid = leg.ConferenceSid;
            await state.WriteStateAsync();
        }
        catch (VoiceException failed)
        {
            await FinishAsync($"could not be placed: {failed.Message}", wrapUp: false);
            throw CallErrors.ProviderFailed(CallId, failed);
        }
        return View();
    }

    /// <summary>The customer's leg of a campaign's call moved before anyone of ours had the call.</summary>
    private async Task CampaignLegMovedAsync(string status)
    {
        if (status == CallProgress.InProgress)
        {
            // The line was picked up; who picked it up, detection tells next.
            Call.AnsweredAt ??= time.GetUtcNow();
            return;
        }
        if (!CallProgress.IsFinal(status)) return;
        var disposition = status switch
        {
            "busy" => SystemDispositions.Busy,
            "failed" or "canceled" => SystemDispositions.Failed,
            _ => SystemDispositions.NoAnswer,
        };
        await EndUnhandledAsync(disposition, DialOutcome.NoAnswer, $"the customer's line: {status}");
    }

    private async Task AnsweredForCampaignAsync(CampaignCall campaign, string answeredBy)
    {
        var machine = answeredBy.StartsWith("machine", StringComparison.Ordinal) || answeredBy == "fax";
        if (machine && campaign.Machine != MachineAction.Agent)
        {
            // With a message to leave, Twilio reports the machine only at the beep.
            var message = campaign.Machine == MachineAction.Message ? campaign.MachineMessage : null;
            await EndUnhandledAsync(SystemDispositions.Machine, DialOutcome.Machine, $"an answering machine ({answeredBy})", message);
            return;
        }
        if (Call.PersonAt is null)
        {
            Call.PersonAt = time.GetUtcNow();
            await state.WriteStateAsync();
        }
        await FindAgentAsync(campaign);
    }

    /// <summary>Asks the campaign for a Ready agent and offers the call to it; without one, asks again until the 2 s are up, then abandons.</summary>
    private async Task FindAgentAsync(CampaignCall campaign)
    {
        StopClaimTimer();
        if (Call is not { State: CallState.Dialing or CallState.Queued, OfferedTo: null, PersonAt: { } personAt }) return;
        var rang = (Call.AnsweredAt ?? personAt) - Call.StartedAt;
        var agentId = await GrainFactory.GetGrain<ICampaignGrain>(campaign.CampaignId).ClaimAgent(campaign.RecordId, rang);
        if (agentId is not null && await OfferToAgentAsync(campaign, agentId)) return;
        if (time.GetUtcNow() - personAt >= AbandonAfter)
        {
            await EndUnhandledAsync(SystemDispositions.Abandoned, DialOutcome.Abandoned, "no agent was free within 2 s",
                campaign.AbandonMessage ?? DefaultAbandonMessage);
            return;
        }
        claimTimer = this.RegisterGrainTimer(_ => FindAgentAsync(campaign), claimRetry, Timeout.InfiniteTimeSpan);
    }

    /// <summary>The call is offered to the agent as a service call, with the campaign's and the customer's names; false when the agent took something else meanwhile.</summary>
    private async Task<bool> OfferToAgentAsync(CampaignCall campaign, string agentId)
    {
        var details = OfferDetails();
        details["campaignId"] = campaign.CampaignId;
        details["campaignName"] = campaign.CampaignName;
        details["recordId"] = campaign.RecordId;
        try
        {
            // No service named: the campaign's agents take its calls whether or not they work in its service.
            await Agent(agentId).Offer(new InteractionOffer(CallId, InteractionKinds.Call, null, details));
        }
        catch (ContactException)
        {
            return false;
        }
        Call.State = CallState.Queued;
        Call.OfferedTo = agentId;
        await state.WriteStateAsync();
        await HandOverAsync(campaign, agentId);
        return true;
    }

    /// <summary>The record and the campaign hear who has the call, and the agent is connected when the campaign answers for it. Each step may be done twice.</summary>
    private async Task HandOverAsync(CampaignCall campaign, string agentId)
    {
        await GrainFactory.GetGrain<ICallingRecordGrain>(campaign.RecordId).CallTaken(CallId, agentId);
        await GrainFactory.GetGrain<ICampaignGrain>(campaign.CampaignId).DialSettled(campaign.RecordId, DialOutcome.Connected);
        if (campaign.AutoAnswer) await Answer(agentId);
        else await ArmOfferTimeoutAsync(agentId);
    }

    /// <summary>
    /// An agent who neither answers nor rejects within the service's offer timeout is Not Ready (No
    /// Answer), as for a queue's call; the call goes to the next Ready agent, or hears the abandon message.
    /// </summary>
    private async Task ArmOfferTimeoutAsync(string agentId)
    {
        var timeout = TimeSpan.FromSeconds((await Queue.GetConfig()).OfferTimeoutSeconds);
        offerTimer?.Dispose();
        offerTimer = this.RegisterGrainTimer(async () =>
        {
            if (Call is not { State: CallState.Queued } || Call.OfferedTo != agentId) return;
            try
            {
                await Agent(agentId).OfferTimedOut(CallId);
            }
            catch (ContactException gone)
            {
                logger.LogWarning("Agent {Agent} no longer had call {CallId} when its offer timed out: {Code}", agentId, CallId, gone.Code);
            }
            await RequeueFirstAsync();
        }, timeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// The call ends with nobody of ours on it; <paramref name="farewell"/>, when given, is spoken
    /// to the customer first. The record's attempt ends with the disposition, then the campaign hears.
    /// </summary>
    /// <param name="outcome">What the campaign is told; null when it heard already (an agent had been found).</param>
    private async Task EndUnhandledAsync(string disposition, DialOutcome? outcome, string reason, string? farewell = null)
    {
        var campaign = Call.Campaign!;
        StopClaimTimer();
        Call.Disposition = disposition;
        await FinishAsync(reason, wrapUp: false, farewell);
        await GrainFactory.GetGrain<ICallingRecordGrain>(campaign.RecordId).CallEndedUnhandled(CallId, disposition);
        if (outcome is { } settled) await GrainFactory.GetGrain<ICampaignGrain>(campaign.CampaignId).DialSettled(campaign.RecordId, settled);
    }

    private void StopClaimTimer()
    {
        claimTimer?.Dispose();
        claimTimer = null;
    }
}
