using Contact.Grains.Interfaces;

namespace Contact.Grains.Chats;

internal static class ChatErrors
{
    public static ContactException NotFound(string chatId) =>
        new("chat-not-found", ErrorKind.NotFound, $"Chat '{chatId}' does not exist.", new Dictionary<string, object?> { ["chatId"] = chatId });

    public static ContactException Ended(string chatId) =>
        new("chat-ended", ErrorKind.Conflict, $"Chat '{chatId}' has ended.", new Dictionary<string, object?> { ["chatId"] = chatId });

    public static ContactException NotYours(string chatId, string agentId) =>
        new("not-your-chat", ErrorKind.Forbidden, $"Chat '{chatId}' is not handled by agent '{agentId}'.",
            new Dictionary<string, object?> { ["chatId"] = chatId, ["agentId"] = agentId });

    public static ContactException Banned(string customerId) =>
        new("customer-banned", ErrorKind.Forbidden, "This customer may not start chats.", new Dictionary<string, object?> { ["customerId"] = customerId });

    public static ContactException ChannelNotOffered(string serviceId, string channel) =>
        new("channel-not-offered", ErrorKind.Conflict, $"Service '{serviceId}' does not take {channel}.",
            new Dictionary<string, object?> { ["serviceId"] = serviceId, ["channel"] = channel });

    public static ContactException TranscriptFull(string chatId) =>
        new("transcript-full", ErrorKind.Conflict, $"Chat '{chatId}' has {ChatLimits.MaxLines} lines, the most one chat holds; start another.",
            new Dictionary<string, object?> { ["chatId"] = chatId, ["limit"] = ChatLimits.MaxLines });

    public static ContactException TransferToSelf(string agentId) =>
        new("transfer-to-self", ErrorKind.Conflict, $"Agent '{agentId}' already has this chat.", new Dictionary<string, object?> { ["agentId"] = agentId });

    public static ContactException VideoNotOffered(string chatId, string channel) =>
        new("video-not-offered", ErrorKind.Conflict, $"Chat '{chatId}' is {channel}; only a chat in the customer's app or browser can add video.",
            new Dictionary<string, object?> { ["chatId"] = chatId, ["channel"] = channel });

    public static ContactException VideoNeedsAgent(string chatId) =>
        new("video-needs-agent", ErrorKind.Conflict, $"Chat '{chatId}' has no agent yet; ask for video once an agent has joined.",
            new Dictionary<string, object?> { ["chatId"] = chatId });

    public static ContactException VideoNotRequested(string chatId) =>
        new("video-not-requested", ErrorKind.Conflict, $"The customer of chat '{chatId}' has not asked for video.",
            new Dictionary<string, object?> { ["chatId"] = chatId });

    public static ContactException NoVideo(string chatId) =>
        new("video-not-active", ErrorKind.Conflict, $"Chat '{chatId}' has no video running.", new Dictionary<string, object?> { ["chatId"] = chatId });

    public static ContactException OnlyCustomerClosesVideo(string chatId) =>
        new("video-closed-by-customer-only", ErrorKind.Conflict,
            $"Only the customer closes the video of chat '{chatId}'; an agent ends the whole chat instead.",
            new Dictionary<string, object?> { ["chatId"] = chatId });

    public static ContactException VideoNotConfigured() =>
        new("video-not-configured", ErrorKind.Unavailable, "Video is not set up on this server (Contact:Twilio:AccountSid and AuthToken are needed).");

    public static ContactException VideoProviderFailed(string chatId, VideoException failed) =>
        new("video-provider-failed", ErrorKind.Unavailable, $"Twilio did not do it for chat '{chatId}': {failed.Message}",
            new Dictionary<string, object?> { ["chatId"] = chatId, ["providerCode"] = failed.ProviderCode });
}
