namespace Contact.Grains.Interfaces;

/// <summary>
/// One outbound campaign: its settings, its agents, and, while a preview campaign runs, the
/// delivery of its due calling records to its Ready agents, the agent idle longest first.
/// </summary>
[Alias("Contact.ICampaignGrain")]
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>Creates or updates the campaign; true when it was created.</summary>
    [Alias("Configure")]
    Task<bool> Configure(CampaignConfig config);

    /// <summary>The campaign; <c>campaign-not-found</c> when it was never configured.</summary>
    [Idempotent]
    [Alias("GetView")]
    Task<CampaignView> GetView();

    [Alias("AddAgent")]
    Task AddAgent(string agentId);

    [Alias("RemoveAgent")]
    Task RemoveAgent(string agentId);

    [Alias("Start")]
    Task<CampaignView> Start();

    [Alias("Stop")]
    Task<CampaignView> Stop();

    [Idempotent]
    [Alias("GetStats")]
    Task<CampaignStats> GetStats();

    /// <summary>A list was loaded: these time zones now have records.</summary>
    [Alias("ListLoaded")]
    Task ListLoaded(string[] timeZones);

    /// <summary>A participating agent tells what it can take now.</summary>
    [OneWay, Alias("AgentAvailable")]
    Task AgentAvailable(AgentAvailability availability);

    /// <summary>How the offer of a record the campaign handed out ended.</summary>
    [OneWay, Alias("OfferSettled")]
    Task OfferSettled(string recordId, string agentId, OfferOutcome outcome);

    /// <summary>A record went back to the list from an agent's desktop: it is due again at <paramref name="dueAt"/>.</summary>
    /// <param name="keptFor">The agent it is kept for (a personal reschedule), or null for anyone.</param>
    [Alias("RecordReturned")]
    Task RecordReturned(string recordId, DateTimeOffset dueAt, string? keptFor);

    /// <summary>
    /// A person answered a call the campaign dialed (after ringing for <paramref name="rang"/>): the
    /// campaign's Ready agent idle longest, taken for the call, or null when none is Ready now.
    /// </summary>
    [Alias("ClaimAgent")]
    Task<string?> ClaimAgent(string recordId, TimeSpan rang);

    /// <summary>A call the campaign dialed for the record left its hands.</summary>
    [OneWay, Alias("DialSettled")]
    Task DialSettled(string recordId, DialOutcome outcome);
}
