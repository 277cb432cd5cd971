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

    /// <param name="key">The number's <see cref="ServiceNumbers"/> key, which says its channel.</param>
    public static ContactException NumberTaken(string key, string owner)
    {
        var (code, field) = ServiceNumbers.IsVoice(key) ? ("voice-number-taken", "voiceNumber") : ("sms-number-taken", "smsNumber");
        var number = ServiceNumbers.NumberOf(key);
        return new(code, ErrorKind.Conflict, $"{number} already belongs to service '{owner}'.",
            new Dictionary<string, object?> { [field] = number, ["serviceId"] = owner });
    }
}
