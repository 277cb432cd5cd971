using Contact.Grains.Interfaces;

namespace Contact.Grains.Sms;

/// <summary>The SMS refusals, each with its stable code.</summary>
internal static class SmsErrors
{
    public static ContactException TooLong(SmsLength length) =>
        new("sms-too-long", ErrorKind.Invalid,
            $"One SMS holds {length.Limit} {length.Encoding} characters; this text counts {length.Length}.",
            new Dictionary<string, object?> { ["limit"] = length.Limit, ["length"] = length.Length, ["encoding"] = length.Encoding });

    public static ContactException OptedOut(string phone) =>
        new("sms-opted-out", ErrorKind.Conflict, $"{phone} has opted out of SMS (it texted STOP); it can opt back in by texting START.",
            new Dictionary<string, object?> { ["phone"] = phone });

    public static ContactException NumberMissing(string serviceId) =>
        new("sms-number-missing", ErrorKind.Conflict, $"Service '{serviceId}' has no smsNumber to send from.",
            new Dictionary<string, object?> { ["serviceId"] = serviceId });

    public static ContactException NotInService(string agentId, string serviceId) =>
        new("service-not-yours", ErrorKind.Forbidden, $"Agent '{agentId}' does not work for service '{serviceId}'.",
            new Dictionary<string, object?> { ["agentId"] = agentId, ["serviceId"] = serviceId });

    public static ContactException AgentLoggedOut(string agentId) =>
        new("agent-logged-out", ErrorKind.Conflict, $"Agent '{agentId}' has no working session; start one first.",
            new Dictionary<string, object?> { ["agentId"] = agentId });

    public static ContactException NotFound(string messageSid) =>
        new("sms-not-found", ErrorKind.NotFound, $"No text with id '{messageSid}' came in.",
            new Dictionary<string, object?> { ["messageSid"] = messageSid });

    public static ContactException LineNotFound(string chatId, long seq) =>
        new("sms-not-found", ErrorKind.NotFound, $"Chat '{chatId}' sent no text at seq {seq}.",
            new Dictionary<string, object?> { ["chatId"] = chatId, ["seq"] = seq });

    /// <summary>What an agent is told when the provider did not take a text; the transcript keeps the line with its status.</summary>
    public static ContactException SendFailed(SmsSendException failure, string phone, string chatId, long seq)
    {
        var details = new Dictionary<string, object?> { ["chatId"] = chatId, ["seq"] = seq, ["providerCode"] = failure.ProviderCode, ["providerMessage"] = failure.Message };
        return failure switch
        {
            { ProviderCode: SmsSendException.OptedOutCode } => OptedOut(phone),
            { Failure: SmsFailure.Rejected } => new("sms-rejected", ErrorKind.Unprocessable,
                $"Twilio refused the text: {failure.Message}", details),
            { Failure: SmsFailure.Misconfigured } => new("sms-provider-auth-failed", ErrorKind.Upstream,
                $"Twilio refused this server's credentials ({failure.Message}); the text was not sent. Check Contact:Twilio:AccountSid and AuthToken.", details),
            { Failure: SmsFailure.Unavailable } => new("sms-unavailable", ErrorKind.Unavailable,
                $"Twilio did not take the text after several tries ({failure.Message}); it was not sent.", details),
            _ => new("sms-outcome-unknown", ErrorKind.Upstream,
                $"Twilio did not answer ({failure.Message}); the text may have gone out and is not sent again. Its status follows when Twilio reports it.", details),
        };
    }
}
