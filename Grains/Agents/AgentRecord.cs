using Contact.Grains.Interfaces;

namespace Contact.Grains.Agents;

/// <summary>
/// The agent grain's stored state. A silo holds one for every active agent, so its collections
/// are arrays, not lists: an empty array read from storage is the one shared instance where an
/// empty list is an object of its own, and a list keeps spare capacity for as long as the agent
/// stays active. They change seldom (an offer, a campaign), and grow or shrink by a copy.
/// </summary>
public sealed class AgentRecord
{
    public bool Configured { get; set; }
    public string Name { get; set; } = "";
    public string[] Services { get; set; } = [];
    public string[] Campaigns { get; set; } = [];
    public int MaxChats { get; set; } = 1;
    public AgentState State { get; set; } = AgentState.LoggedOut;
    public string? Reason { get; set; }
    public DateTimeOffset Since { get; set; }
    public AgentState? PendingState { get; set; }
    public string? PendingReason { get; set; }
    public InteractionView[] Interactions { get; set; } = [];
    public int RejectedCount { get; set; }
    public int NoAnswerCount { get; set; }

    /// <summary>When a time-limited wrap-up ends by itself; null for wrap-up without limit.</summary>
    public DateTimeOffset? WrapUpUntil { get; set; }
}
