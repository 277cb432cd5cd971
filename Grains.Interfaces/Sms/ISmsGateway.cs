namespace Contact.Grains.Interfaces;

/// <summary>One text to send. <paramref name="ChatId"/> and <paramref name="Seq"/> name the transcript line its delivery statuses belong to.</summary>
public sealed record OutboundSms(string From, string To, string Body, string ChatId, long Seq);

/// <summary>The provider took the message: its id and first status.</summary>
public sealed record SmsReceipt(string Sid, string Status);

/// <summary>
/// The SMS provider, as the grains need it (the Twilio adapter in Silo implements it). A send
/// either returns the provider's receipt or throws <see cref="SmsSendException"/>; it never sends
/// a message twice.
/// </summary>
public interface ISmsGateway
{
    /// <summary>False when no credentials are configured: every SMS call then answers <c>sms-not-configured</c>.</summary>
    bool IsConfigured { get; }

    Task<SmsReceipt> SendAsync(OutboundSms message, CancellationToken cancellationToken = default);
}

public static class SmsSetup
{
    /// <summary>The answer to every SMS call while no provider credentials are configured.</summary>
    public static ContactException NotConfigured() =>
        new("sms-not-configured", ErrorKind.Unavailable,
            "SMS is not set up on this server (Contact:Twilio:AccountSid and AuthToken are missing).");
}

public enum SmsFailure
{
    /// <summary>The provider refused this message (a 4xx answer: a bad number, an opted-out recipient); it will not go out.</summary>
    Rejected,

    /// <summary>The provider refused our credentials (401, 403): the server's configuration is wrong; nothing went out.</summary>
    Misconfigured,

    /// <summary>The provider stayed busy or failing through every retry; the message did not go out.</summary>
    Unavailable,

    /// <summary>The request was sent but no answer came: it may have gone out, and it is not sent again.</summary>
    Unknown,
}

/// <summary>Why a send failed; <see cref="ProviderCode"/> is the provider's error code (Twilio's 21610 = the recipient opted out).</summary>
public sealed class SmsSendException(SmsFailure failure, int? providerCode, string message) : Exception(message)
{
    public const int OptedOutCode = 21610;

    public SmsFailure Failure { get; } = failure;
    public int? ProviderCode { get; } = providerCode;
}
