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

    public static ContactException NotConnected(string callId, CallState state) =>
        new("call-not-connected", ErrorKind.Conflict, $"Call '{callId}' is {state}; this needs the agent and the customer connected.",
            new Dictionary<string, object?> { ["callId"] = callId, ["state"] = state.ToString() });

    public static ContactException Recording(string callId, string problem) =>
        new("recording-not-possible", ErrorKind.Conflict, $"Call '{callId}': {problem}.", new Dictionary<string, object?> { ["callId"] = callId });

    /// <summary>Twilio refused or did not answer an operation on a call; nothing changed.</summary>
    public static ContactException ProviderFailed(string callId, VoiceException failed) =>
        new("voice-provider-failed", ErrorKind.Unavailable, $"Twilio did not do it for call '{callId}': {failed.Message}",
            new Dictionary<string, object?> { ["callId"] = callId, ["providerCode"] = failed.ProviderCode });

    public static ContactException TransferToSelf(string agentId) =>
        new("transfer-to-self", ErrorKind.Conflict, $"Agent '{agentId}' already has this call.", new Dictionary<string, object?> { ["agentId"] = agentId });

    public static ContactException ConsultationUnderWay(string callId) =>
        new("consultation-under-way", ErrorKind.Conflict, $"Call '{callId}' has a consultation under way; finish it first.",
            new Dictionary<string, object?> { ["callId"] = callId });

    public static ContactException NoConsultation(string callId) =>
        new("no-consultation", ErrorKind.Conflict, $"Call '{callId}' has no consultation.", new Dictionary<string, object?> { ["callId"] = callId });

    public static ContactException ConsultationNotConnected(string callId) =>
        new("consultation-not-connected", ErrorKind.Conflict, $"The party consulted on call '{callId}' has not answered yet; cancel, or wait.",
            new Dictionary<string, object?> { ["callId"] = callId });

    public static ContactException ChannelNotOffered(string serviceId) =>
        new("channel-not-offered", ErrorKind.Conflict, $"Service '{serviceId}' does not take voice.",
            new Dictionary<string, object?> { ["serviceId"] = serviceId, ["channel"] = Channels.Voice });

    public static ContactException VoiceNumberMissing(string serviceId) =>
        new("voice-number-missing", ErrorKind.Conflict, $"Service '{serviceId}' has no voiceNumber to call from.",
            new Dictionary<string, object?> { ["serviceId"] = serviceId });

    public static ContactException OnDoNotCallList(string number) =>
        new("number-on-dnc", ErrorKind.Conflict, $"{number} is on the do not call list.", new Dictionary<string, object?> { ["number"] = number });

    public static ContactException ServiceNotYours(string agentId, string serviceId) =>
        new("service-not-yours", ErrorKind.Forbidden, $"Agent '{agentId}' does not work for service '{serviceId}'.",
            new Dictionary<string, object?> { ["agentId"] = agentId, ["serviceId"] = serviceId });
}
