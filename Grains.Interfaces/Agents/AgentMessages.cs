namespace Contact.Orleans.Grains.Interfaces;

/// <summary>What an administrator sets for an agent.</summary>
public sealed record AgentProfile(string Name, IReadOnlyList<string> Services, int MaxChats);

public enum InteractionState
{
    Offered,
    Active,
}

public sealed record InteractionView(string Id, string Kind, InteractionState State, string? ServiceId);

/// <summary>The agent as a desktop shows it.</summary>
public sealed record AgentView(
    string Id,
    string Name,
    AgentState State,
    string? Reason,
    DateTimeOffset Since,
    AgentState? PendingState,
    string? PendingReason,
    IReadOnlyList<InteractionView> Interactions,
    IReadOnlyList<string> Services,
    int MaxChats,
    int RejectedCount,
    int NoAnswerCount);

/// <summary>An interaction offered to the agent (a chat, a preview record, a call).</summary>
/// <param name="Details">What the desktop shows with the offer (customer name, campaign, ...).</param>
public sealed record InteractionOffer(string Id, string Kind, string? ServiceId, IReadOnlyDictionary<string, string>? Details = null);

/// <summary>A canned response: text an agent keeps ready to fill the message box.</summary>
public sealed record CannedResponse(string Id, string Title, string Text);

/// <summary>One recorded state change: the history row and the <c>agent.state</c> event.</summary>
public sealed record AgentStateChange(
    string AgentId,
    AgentState From,
    AgentState To,
    string? Reason,
    DateTimeOffset At,
    AgentState? PendingState,
    string? PendingReason);

/// <summary>A history row with its sequence number, which is also its event id.</summary>
public sealed record AgentHistoryEntry(long Seq, AgentStateChange Change);

/// <summary>Not Ready reasons the agent may not choose: the system sets them.</summary>
public static class SystemReasons
{
    public const string Rejected = "Rejected";
    public const string NoAnswer = "NoAnswer";
}
