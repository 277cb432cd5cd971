namespace Contact.Grains.Interfaces;

/// <summary>
/// One service (queue): its settings, its waiting chats and calls in arrival order and the offers
/// it has out. It routes each chat to the agent of the service who has been idle longest and has
/// a free chat slot, each call to the Ready agent idle longest (or, when none is Ready, to one busy
/// with chats only), takes the offer back after the offer timeout, and offers again.
/// </summary>
[Alias("Contact.IServiceQueueGrain")]
public interface IServiceQueueGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the service; true when it was created.</summary>
    [Alias("Configure")]
    Task<bool> Configure(ServiceConfig config);

    /// <summary>The service; <c>service-not-found</c> when it was never configured.</summary>
    [Idempotent]
    [Alias("GetView")]
    Task<ServiceView> GetView();

    /// <summary>
    /// The service's settings without its waiting interactions: what chats and calls ask at every
    /// start and end, so the busiest grain does not copy its queue for them. <c>service-not-found</c> as above.
    /// </summary>
    [Idempotent]
    [Alias("GetConfig")]
    Task<ServiceConfig> GetConfig();

    /// <summary>A chat waits for an agent (at the back, or at the front when it comes back from an agent).</summary>
    /// <param name="details">Shown to the agent with the offer (customer name, channel).</param>
    [Alias("Enqueue")]
    Task Enqueue(string chatId, Dictionary<string, string> details, bool front);

    /// <summary>A call waits for an agent, at the back (or at the front when it comes back from an agent).</summary>
    /// <param name="details">Shown to the agent with the offer (the caller's number and name).</param>
    [Alias("EnqueueCall")]
    Task EnqueueCall(string callId, Dictionary<string, string> details, bool front);

    /// <summary>Offers the chat or call (<paramref name="kind"/>) to this agent only (a transfer); fails when the agent cannot take it.</summary>
    [Alias("OfferTo")]
    Task OfferTo(string interactionId, string kind, string agentId, Dictionary<string, string> details);

    /// <summary>The agent accepts the chat offered to it; <c>offer-not-found</c> when it is not that agent's.</summary>
    [Alias("ClaimOffer")]
    Task ClaimOffer(string chatId, string agentId);

    /// <summary>The agent rejects the chat offered to it; the chat goes to the next agent.</summary>
    [Alias("DeclineOffer")]
    Task DeclineOffer(string chatId, string agentId);

    /// <summary>The chat ended while waiting or offered: it leaves the queue, an open offer is taken back.</summary>
    [Alias("Withdraw")]
    Task Withdraw(string chatId);

    /// <summary>An agent of this service tells what it can take now.</summary>
    [OneWay, Alias("AgentAvailable")]
    Task AgentAvailable(AgentAvailability availability);

    /// <summary>An agent was given this service (its membership is stored already): the queue asks it what it can take.</summary>
    [OneWay, Alias("AddMember")]
    Task AddMember(string agentId);
}
