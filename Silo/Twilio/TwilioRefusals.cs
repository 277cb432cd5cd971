using System.Net;
using Contact.Grains.Interfaces;

namespace Contact.Silo.Twilio;

/// <summary>What an error status of Twilio's means for a text that did not go out.</summary>
public static class TwilioRefusals
{
    /// <summary>429 and 5xx: Twilio is busy or failing, a later try may pass. Worth a retry.</summary>
    public static bool MayRetry(HttpStatusCode status) => status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>
    /// 401 and 403 say our credentials are wrong: a fault of this server's configuration, not of
    /// the request. Any other 4xx is Twilio refusing this text (a bad number, an opted-out
    /// recipient, a region not enabled): retrying the same text cannot help.
    /// </summary>
    public static SmsFailure FailureOf(int status) => status switch
    {
        401 or 403 => SmsFailure.Misconfigured,
        _ when MayRetry((HttpStatusCode)status) => SmsFailure.Unavailable,
        _ => SmsFailure.Rejected,
    };
}
