using Twilio.Security;

namespace Contact.Silo.Twilio;

/// <summary>
/// The <c>X-Twilio-Signature</c> check of a form-encoded webhook, by Twilio's own
/// <see cref="RequestValidator"/> (the URL Twilio called, with and without its port, and the form
/// fields sorted by name, under HMAC-SHA1 keyed by the auth token, compared in constant time).
/// </summary>
public static class TwilioWebhookSignature
{
    /// <summary>
    /// True when <paramref name="signature"/> signs the URL and fields. A field name sent twice is
    /// refused: the validator signs one value per name, and Twilio's webhooks never repeat one.
    /// </summary>
    public static bool IsValid(string authToken, string? signature, string url, IReadOnlyCollection<KeyValuePair<string, string>> form)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        var fields = new Dictionary<string, string>(form.Count, StringComparer.Ordinal);
        foreach (var (name, value) in form)
        {
            if (!fields.TryAdd(name, value)) return false;
        }
        return new RequestValidator(authToken).Validate(url, fields, signature);
    }
}
