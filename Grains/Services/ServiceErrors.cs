using Contact.Grains.Interfaces;

namespace Contact.Grains.Services;

internal static class ServiceErrors
{
    public static ContactException NotFound(string serviceId) =>
        new("service-not-found", ErrorKind.NotFound, $"Service '{serviceId}' does not exist.",
            new Dictionary<string, object?> { ["serviceId"] = serviceId });

    public static ContactException NotOfferedToYou(string chatId, string agentId) =>
        new("not-offered-to-you", ErrorKind.Conflict, $"Chat '{chatId}' is not offered to agent '{agentId}'.",
            new Dictionary<string, object?> { ["chatId"] = chatId, ["agentId"] = agentId });
}
