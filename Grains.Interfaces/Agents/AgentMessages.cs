namespace Contact.Grains.Interfaces;

/// <summary>What an administrator sets for an agent.</summary>
[GenerateSerializer, Immutable, Alias("Contact.AgentProfile")]
/// <summary>An agent's settings; on an update, a field left null keeps its value (a new agent needs a name).</summary>
public sealed record AgentProfile(string? Name, string[]? Services, int? MaxChats);

[GenerateSerializer, Alias("Contact.InteractionState")]
public enum InteractionState
{
    Offered,
    Active,
}

[GenerateSerializer, Immutable, Alias("Contact.InteractionView")]
public sealed record InteractionView(string Id, string Kind, InteractionState State, string? ServiceId);

/// <summary>The agent as a desktop shows it.</summary>
[GenerateSerializer, Immutable, Alias("Contact.AgentView")]
public sealed record AgentView(
    string Id,
    string Name,
    AgentState State,
    string? Reason,
    DateTimeOffset Since,
    AgentState? PendingState,
    string? PendingReason,
    InteractionView[] Interactions,
    string[] Services,
    int MaxChats,
    int RejectedCount,
    int NoAnswerCount);

/// <summary>An interaction offered to the agent (a chat, a preview record, a call).</summary>
/// <param name="Details">What the desktop shows with the offer (customer name, campaign, ...).</param>
[GenerateSerializer, Immutable, Alias("Contact.InteractionOffer")]
public sealed record InteractionOffer(string Id, string Kind, string? ServiceId, Dictionary<string, string>? Details = null);

/// <summary>A canned response: text an agent keeps ready to fill the message box.</summary>
[GenerateSerializer, Immutable, Alias("Contact.CannedResponse")]
public sealed record CannedResponse(string Id, string Title, string Text);

/// <summary>One recorded state change: the history row and the <c>agent.state</c> event.</summary>
[GenerateSerializer, Immutable, Alias("Contact.AgentStateChange")]
public sealed record AgentStateChange(
    string AgentId,
    AgentState From,
    AgentState To,
    string? Reason,
    DateTimeOffset At,
    AgentState? PendingState,
    string? PendingReason);

/// <summary>A history row with its sequence number, which is also its event id.</summary>
[GenerateSerializer, Immutable, Alias("Contact.AgentHistoryEntry")]
public sealed record AgentHistoryEntry(long Seq, AgentStateChange Change);

/// <summary>Not Ready reasons the agent may not choose: the system sets them.</summary>
public static class SystemReasons
{
    public const string Rejected = "Rejected";
    public const string NoAnswer = "NoAnswer";
}
