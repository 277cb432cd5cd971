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
}
