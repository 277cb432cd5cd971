using Contact.Grains.Customers;
using Contact.Grains.Interfaces;
using Contact.Storage.Campaigns;
using Microsoft.Extensions.DependencyInjection;

namespace Contact.Grains.Calls;

/// <summary>
/// Calls an agent places: the agent's phone is rung into the call's conference first, then the
/// customer, so the agent hears the customer's line ring. A campaign's call asks Twilio who
/// answers (a person or a machine) and its disposition completes the calling record's attempt.
/// </summary>
public sealed partial class CallGrain
{
    public const string DialingEvent = "call.dialing";
    public const string AnsweredByEvent = "call.answered-by";

    public async Task<CallView> DialOut(OutboundCall call)
    {
        if (Call.Started) return View();
        var (from, customerId, customerName) = await PrepareOutboundAsync(call.ServiceId, call.To);
        if (call.RecordId is null)
        {
            var agent = await Agent(call.AgentId).GetView();
            if (!agent.Services.Contains(call.ServiceId)) throw CallErrors.ServiceNotYours(call.AgentId, call.ServiceId);
        }
        // A campaign's call belongs to the record's preview, which the agent has already. The agent
        // is asked before anything of the call changes: a refusal leaves no call behind.
        if (call.RecordId is null) await Agent(call.AgentId).PlaceCall(CallId, call.ServiceId);

        StartOutbound(CallState.Connecting, call.ServiceId, call.To, from, customerId, customerName, call.RecordId);
        Call.AgentId = call.AgentId;
        Call.Agents.Add(call.AgentId);
        await state.WriteStateAsync();

        var phone = await GrainFactory.GetGrain<IAgentPhoneGrain>(call.AgentId).Get();
        try
        {
            var agentLeg = await voice.DialIntoConferenceAsync(new ConferenceDial(CallId, CallLegs.Agent, from, phone.AddressOf(call.AgentId), EndsConference: false));
            Call.Legs[CallLegs.Agent] = new CallLeg { CallSid = agentLeg.CallSid, Status = "queued" };
            Call.ConferenceSid = agentLeg.ConferenceSid;
            var customerLeg = await voice.DialIntoConferenceAsync(new ConferenceDial(CallId, CallLegs.Customer, from, call.To, EndsConference: true,
                DetectMachine: call.RecordId is not null));
            Call.Legs[CallLegs.Customer] = new CallLeg { CallSid = customerLeg.CallSid, Status = "queued" };
        }
        catch (VoiceException failed)
        {
            await FinishAsync($"could not be placed: {failed.Message}", wrapUp: false);
            throw CallErrors.ProviderFailed(CallId, failed);
        }
        return await ChangedAsync(DialingEvent, call.To);
    }

    public async Task ReportAnsweredBy(string answeredBy)
    {
        EnsureStarted();
        if (Call.AnsweredBy != answeredBy)
        {
            Call.AnsweredBy = answeredBy;
            await state.WriteStateAsync();
            if (Call.AgentId is { } agentId) await TellAsync(agentId, AnsweredByEvent, answeredBy);
            if (Call.RecordId is { } recordId) await GrainFactory.GetGrain<ICallingRecordGrain>(recordId).CallAnswered(CallId, answeredBy);
        }
        // Sent again after a crash that came before it was acted on, it is acted on now.
        if (Call is { State: CallState.Dialing, Campaign: { } campaign }) await AnsweredForCampaignAsync(campaign, answeredBy);
    }

    /// <summary>
    /// What every outbound call checks before it exists: the service takes calls and has a number
    /// to show, and the number is not on the do not call list. The caller id, and the customer the
    /// number belongs to (one is made when none is known yet).
    /// </summary>
    private async Task<(string From, string CustomerId, string? CustomerName)> PrepareOutboundAsync(string serviceId, string to)
    {
        var service = await GrainFactory.GetGrain<IServiceQueueGrain>(serviceId).GetConfig();
        if (!service.Channels.Contains(Channels.Voice)) throw CallErrors.ChannelNotOffered(serviceId);
        var from = service.VoiceNumber ?? throw CallErrors.VoiceNumberMissing(serviceId);
        if ((await ServiceProvider.GetRequiredService<DoNotCallList>().FindAsync([to])).Count > 0) throw CallErrors.OnDoNotCallList(to);
        var (customerId, _) = await CustomerLookup.ResolveAsync(GrainFactory, new CustomerContact(null, null, to, null));
        return (from, customerId, (await GrainFactory.GetGrain<ICustomerGrain>(customerId).GetView()).Name);
    }

    private void StartOutbound(CallState first, string serviceId, string to, string from, string customerId, string? customerName, string? recordId)
    {
        Call.Started = true;
        Call.Direction = CallDirection.Outbound;
        Call.State = first;
        Call.ServiceId = serviceId;
        Call.CustomerNumber = to;
        Call.ServiceNumber = from;
        Call.CustomerId = customerId;
        Call.CustomerName = customerName;
        Call.RecordId = recordId;
        Call.StartedAt = time.GetUtcNow();
    }
}
