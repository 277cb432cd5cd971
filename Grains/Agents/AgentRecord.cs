using Contact.Grains.Interfaces;

namespace Contact.Grains.Agents;

/// <summary>The agent grain's stored state.</summary>
public sealed class AgentRecord
{
    public bool Configured { get; set; }
    public string Name { get; set; } = "";
    public List<string> Services { get; set; } = [];
    public List<string> Campaigns { get; set; } = [];
    public int MaxChats { get; set; } = 1;
    public AgentState State { get; set; } = AgentState.LoggedOut;
    public string? Reason { get; set; }
    public DateTimeOffset Since { get; set; }
    public AgentState? PendingState { get; set; }
    public string? PendingReason { get; set; }
    public List<InteractionView> Interactions { get; set; } = [];
    public int RejectedCount { get; set; }
    public int NoAnswerCount { get; set; }

    /// <summary>When a time-limited wrap-up ends by itself; null for wrap-up without limit.</summary>
    public DateTimeOffset? WrapUpUntil { get; set; }
}
