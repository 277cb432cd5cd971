using System.Security.Cryptography;
using System.Text;

namespace Contact.Silo.Twilio;

/// <summary>
/// The <c>X-Twilio-Signature</c> of a form-encoded webhook, as Twilio documents it: HMAC-SHA1,
/// keyed by the auth token, of the full URL Twilio called (query string included) followed by
/// every POST parameter's name and value, sorted by name (and by value for a repeated name,
/// each name-value pair once, as Twilio's own libraries do), in Base64.
/// </summary>
public static class TwilioSignature
{
    public static string Compute(string authToken, string url, IEnumerable<KeyValuePair<string, string>> form)
    {
        var data = new StringBuilder(url);
        foreach (var (name, value) in form.Distinct().OrderBy(p => p.Key, StringComparer.Ordinal).ThenBy(p => p.Value, StringComparer.Ordinal))
        {
            data.Append(name).Append(value);
        }
        return Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(authToken), Encoding.UTF8.GetBytes(data.ToString())));
    }

    /// <summary>
    /// True when <paramref name="signature"/> signs the request. Twilio may have signed the URL with
    /// or without the port (its own libraries accept both), so the URL as given, without its port
    /// and with the scheme's default port are tried. Every comparison takes the same time.
    /// </summary>
    public static bool IsValid(string authToken, string? signature, string url, IReadOnlyCollection<KeyValuePair<string, string>> form)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        var expected = Encoding.ASCII.GetBytes(signature);
        var valid = false;
        foreach (var candidate in UrlForms(url).Distinct())
        {
            valid |= CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(Compute(authToken, candidate, form)));
        }
        return valid;
    }

    /// <summary>The URL as given, without its port, and with the default port of its scheme. Case and user info are kept.</summary>
    private static IEnumerable<string> UrlForms(string url)
    {
        yield return url;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0) yield break;
        var hostStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], hostStart);
        if (authorityEnd < 0) authorityEnd = url.Length;
        var authority = url[hostStart..authorityEnd];
        var hostAt = authority.LastIndexOf('@') + 1;
        var portColon = authority.LastIndexOf(':');
        var hasPort = portColon >= hostAt && portColon > authority.LastIndexOf(']');
        var withoutPort = hasPort ? authority[..portColon] : authority;

        var prefix = url[..hostStart];
        var rest = url[authorityEnd..];
        yield return prefix + withoutPort + rest;
        var scheme = url[..schemeEnd];
        var defaultPort = scheme.Equals("https", StringComparison.OrdinalIgnoreCase) ? 443 : 80;
        yield return $"{prefix}{withoutPort}:{defaultPort}{rest}";
    }
}
