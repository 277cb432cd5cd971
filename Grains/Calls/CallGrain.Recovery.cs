using Contact.Grains.Interfaces;

namespace Contact.Grains.Calls;

/// <summary>
/// What a call does when the process died in the middle of one of its steps. A leg is written
/// only once Twilio has answered for it, so a crash in between leaves a leg Twilio rings that the
/// call does not know; the call is written before Twilio is asked, so a crash in between leaves a
/// call waiting for a leg that was never placed. Twilio's callbacks, and the call's activation
/// after the restart, settle both.
/// </summary>
public sealed partial class CallGrain
{
    /// <summary>
    /// Twilio rings a leg for at most a minute: a leg it placed has been heard of by then (a status
    /// callback, or detection's answer), so one still unheard of was never placed.
    /// </summary>
    public static readonly TimeSpan LostLegGrace = TimeSpan.FromSeconds(60);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // When the leg was asked for is not kept: the grace counts from now.
        if (AwaitedLeg() is not null) this.RegisterGrainTimer(GiveUpAwaitedLegAsync, LostLegGrace, Timeout.InfiniteTimeSpan);
        // A person answered and was waiting for an agent when the process died: look for one now (past 2 s, that abandons the call).
        if (Call is { State: CallState.Dialing or CallState.Queued, Campaign: { } campaign, PersonAt: not null, OfferedTo: null })
        {
            this.RegisterGrainTimer(_ => FindAgentAsync(campaign), TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        // Offered to an agent: what came after the offer may not have happened.
        if (Call is { State: CallState.Queued, Campaign: { } offered, OfferedTo: { } agentId })
        {
            this.RegisterGrainTimer(_ => Call.State == CallState.Queued ? HandOverAsync(offered, agentId) : Task.CompletedTask, TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }
        return Task.CompletedTask;
    }

    /// <summary>
    /// The leg the call is placing and has no sid of: the customer's of a campaign's call nobody
    /// answered yet, the agent's of a call the agent answered, the customer's of an agent's
    /// outbound call whose agent's phone is rung already. Null when it knows every leg it placed.
    /// </summary>
    private string? AwaitedLeg() => Call switch
    {
        { State: CallState.Dialing, Campaign: not null } when !Call.Legs.ContainsKey(CallLegs.Customer) => CallLegs.Customer,
        { State: CallState.Connecting, AgentId: not null } when !Call.Legs.ContainsKey(CallLegs.Agent) => CallLegs.Agent,
        { State: CallState.Connecting, Direction: CallDirection.Outbound, Campaign: null } when !Call.Legs.ContainsKey(CallLegs.Customer) => CallLegs.Customer,
        _ => null,
    };

    /// <summary>A callback for a leg the call does not know, while it awaits one: that is the leg.</summary>
    private void AdoptLostLeg(string callSid)
    {
        if (Call.Legs.Values.Any(leg => leg.CallSid == callSid) || AwaitedLeg() is not { } awaited) return;
        Call.Legs[awaited] = new CallLeg { CallSid = callSid, Status = "queued" };
    }

    /// <summary>The awaited leg was never placed: a campaign's attempt ends as Failed; an agent's phone counts as not reached.</summary>
    private async Task GiveUpAwaitedLegAsync(CancellationToken cancellationToken)
    {
        switch (AwaitedLeg())
        {
            case CallLegs.Customer when Call.Campaign is not null:
                await EndUnhandledAsync(SystemDispositions.Failed, DialOutcome.NoAnswer, "the server stopped while placing the call, and Twilio never told of it");
                break;
            case CallLegs.Agent when Call is { AgentId: { } agentId } && CustomerWaitsForAgent:
                await BackToQueueAsync(agentId);
                break;
            case not null:
                await FinishAsync("the server stopped while placing the call, and Twilio never told of it", wrapUp: false);
                break;
        }
    }
}
