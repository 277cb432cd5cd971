using Contact.Grains.Interfaces;

namespace Contact.Grains.Calls;

internal static class CallErrors
{
    public static ContactException NotFound(string callId) =>
        new("call-not-found", ErrorKind.NotFound, $"Call '{callId}' does not exist.", new Dictionary<string, object?> { ["callId"] = callId });

    public static ContactException Ended(string callId) =>
        new("call-ended", ErrorKind.Conflict, $"Call '{callId}' has ended.", new Dictionary<string, object?> { ["callId"] = callId });

    public static ContactException NotYours(string callId, string agentId) =>
        new("not-your-call", ErrorKind.Forbidden, $"Call '{callId}' is not handled by agent '{agentId}'.",
            new Dictionary<string, object?> { ["callId"] = callId, ["agentId"] = agentId });

    public static ContactException PhoneNotReached(string agentId, string reason) =>
        new("phone-not-reached", ErrorKind.Unavailable, $"Agent '{agentId}''s phone could not be rung: {reason}. The call waits for the next agent.",
            new Dictionary<string, object?> { ["agentId"] = agentId });
}
