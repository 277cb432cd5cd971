using Contact.Grains.Interfaces;

namespace Contact.Grains.Agents;

/// <summary>The agent grain's refusals, each with its stable code.</summary>
internal static class AgentErrors
{
    public static ContactException NameRequired() =>
        new("validation-failed", ErrorKind.Invalid, "A new agent needs a name.",
            new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["name"] = ["required for a new agent"] } });

    public static ContactException NotFound(string agentId) =>
        new("agent-not-found", ErrorKind.NotFound, $"Agent '{agentId}' does not exist.", new Dictionary<string, object?> { ["agentId"] = agentId });

    public static ContactException IllegalTransition(AgentState current, string attempted) =>
        new("illegal-transition", ErrorKind.Conflict, $"{attempted} is not possible while the agent is {current}.",
            new Dictionary<string, object?> { ["currentState"] = current.ToString(), ["allowed"] = AgentMoves.AllowedFrom(current) });

    public static ContactException HasInteractions(AgentState current, int count) =>
        new("agent-has-interactions", ErrorKind.Conflict, $"The agent still has {count} interaction(s); end them first.",
            new Dictionary<string, object?> { ["currentState"] = current.ToString(), ["interactions"] = count });

    public static ContactException NotAvailable(AgentState current) =>
        new("agent-not-available", ErrorKind.Conflict, $"The agent cannot take an interaction while {current}.",
            new Dictionary<string, object?> { ["currentState"] = current.ToString() });

    public static ContactException InteractionNotFound(string interactionId) =>
        new("interaction-not-found", ErrorKind.NotFound, $"The agent has no interaction '{interactionId}'.",
            new Dictionary<string, object?> { ["interactionId"] = interactionId });

    public static ContactException InteractionNotOffered(string interactionId) =>
        new("interaction-not-offered", ErrorKind.Conflict, $"Interaction '{interactionId}' was already accepted.",
            new Dictionary<string, object?> { ["interactionId"] = interactionId });

    public static ContactException UnknownReason(string reason, IReadOnlyList<string> allowed) =>
        new("unknown-reason", ErrorKind.Invalid, $"'{reason}' is not a Not Ready reason.",
            new Dictionary<string, object?> { ["reason"] = reason, ["allowed"] = allowed });

    public static ContactException StateNotSettable(AgentState requested) =>
        new("state-not-settable", ErrorKind.Invalid,
            $"{requested} cannot be chosen; only Ready and NotReady can (sessions start and end through /session).",
            new Dictionary<string, object?> { ["state"] = requested.ToString(), ["allowed"] = new[] { "Ready", "NotReady" } });
}
