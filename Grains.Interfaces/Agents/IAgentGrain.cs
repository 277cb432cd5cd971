namespace Contact.Grains.Interfaces;

/// <summary>
/// One agent: its profile and its state machine (LoggedOut, NotReady, Ready, Busy,
/// AfterCallWork). Every state change is durable and journaled before the call returns.
/// </summary>
[Alias("Contact.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the agent; true when it was created.</summary>
    [Alias("Configure")]
    Task<bool> Configure(AgentProfile profile);

    /// <summary>The agent as it is now; <c>agent-not-found</c> when it was never configured.</summary>
    [Idempotent]
    [Alias("GetView")]
    Task<AgentView> GetView();

    /// <summary>LoggedOut -> NotReady.</summary>
    [Alias("StartSession")]
    Task<AgentView> StartSession();

    /// <summary>Any state without interactions -> LoggedOut.</summary>
    [Alias("EndSession")]
    Task<AgentView> EndSession();

    /// <summary>The agent's own choice: Ready or NotReady with an optional reason.</summary>
    [Idempotent]
    [Alias("SetState")]
    Task<AgentView> SetState(AgentState requested, string? reason);

    /// <summary>Ready (or Busy with a free chat slot) -> Busy with the interaction offered.</summary>
    [Idempotent]
    [Alias("Offer")]
    Task<AgentView> Offer(InteractionOffer offer);

    [Idempotent]
    [Alias("Accept")]
    Task<AgentView> Accept(string interactionId);

    /// <summary>The offer was taken back through nobody's fault (the customer left): no penalty.</summary>
    [Alias("Revoke")]
    Task<AgentView> Revoke(string interactionId);

    /// <summary>The agent declined the offer: NotReady with reason Rejected, counted.</summary>
    [Alias("Reject")]
    Task<AgentView> Reject(string interactionId);

    /// <summary>The offer went unanswered: NotReady with reason NoAnswer, counted.</summary>
    [Alias("OfferTimedOut")]
    Task<AgentView> OfferTimedOut(string interactionId);

    /// <summary>
    /// The agent dials out: a call of its own, from Ready, Not Ready (it returns to Not Ready
    /// after), After Call Work, or Busy with chats only; never beside another call or a preview.
    /// </summary>
    [Idempotent]
    [Alias("PlaceCall")]
    Task<AgentView> PlaceCall(string callId, string serviceId);

    /// <summary>The agent's phone did not answer a call the agent accepted: as an offer not answered (NotReady, NoAnswer, counted).</summary>
    [Alias("PhoneNotAnswered")]
    Task<AgentView> PhoneNotAnswered(string interactionId);

    /// <param name="wrapUpSeconds">null: no wrap-up; 0: wrap-up without limit; n: wrap-up that ends by itself after n seconds.</param>
    [Alias("EndInteraction")]
    Task<AgentView> EndInteraction(string interactionId, int? wrapUpSeconds);

    [Idempotent]
    [Alias("GetHistory")]
    Task<AgentHistoryEntry[]> GetHistory(long afterSeq, int limit);

    /// <summary>The agent's event stream as stored, after a sequence number (for replay to desktops).</summary>
    [Idempotent]
    [Alias("GetEvents")]
    Task<JournalEntry[]> GetEvents(long afterSeq, int limit);

    /// <summary>The id of the newest event, where a stream without Last-Event-ID starts.</summary>
    [Idempotent]
    [Alias("GetLastEventId")]
    Task<long> GetLastEventId();

    /// <summary>Puts an event on the agent's stream (a customer's chat message), durably.</summary>
    /// <param name="payloadJson">The event's data, already JSON.</param>
    [Alias("PostEvent")]
    Task PostEvent(string kind, string payloadJson);

    /// <summary>What the agent can take now, for the queues of its services and its campaigns.</summary>
    [Idempotent]
    [Alias("GetAvailability")]
    Task<AgentAvailability> GetAvailability();

    /// <summary>The agent takes part in the campaign from now on and tells it when it is Ready.</summary>
    [Alias("JoinCampaign")]
    Task<AgentAvailability> JoinCampaign(string campaignId);

    [Alias("LeaveCampaign")]
    Task LeaveCampaign(string campaignId);
}
