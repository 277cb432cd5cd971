using System.Security.Cryptography;
using System.Text;

namespace Contact.Tests.Support;

/// <summary>
/// Twilio's side of a webhook signature, for the stand-in: HMAC-SHA1, keyed by the auth token, of
/// the URL followed by each form field's name and value sorted by name, in Base64. The product
/// only checks signatures, with Twilio's SDK; this signs them as Twilio does.
/// </summary>
public static class TwilioSigner
{
    public static string Sign(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.OrderBy(p => p.Key, StringComparer.Ordinal)) data.Append(name).Append(value);
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }
}
