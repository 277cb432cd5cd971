using Contact.Grains.Interfaces;

namespace Contact.Grains.Agents;

/// <summary>How queues and campaigns ask their agents what they can take when they start.</summary>
internal static class AgentAvailabilityQuery
{
    /// <summary>The agent's availability, or null for an agent that no longer exists.</summary>
    public static async Task<AgentAvailability?> AskAsync(this IGrainFactory grains, string agentId)
    {
        try
        {
            return await grains.GetGrain<IAgentGrain>(agentId).GetAvailability();
        }
        catch (ContactException)
        {
            return null;
        }
    }

    public static async Task<IEnumerable<AgentAvailability>> AskAllAsync(this IGrainFactory grains, IEnumerable<string> agentIds) =>
        (await Task.WhenAll(agentIds.Select(grains.AskAsync))).OfType<AgentAvailability>();
}
