using System.Security.Cryptography;
using System.Text;
using Contact.Api.Streams;

namespace Contact.Api.Chats;

/// <summary>
/// The customer's proof that a chat is theirs: random, handed out once at the start, kept by the
/// server only as a SHA-256 hash. Sent as X-Customer-Token, or ?customerToken= for EventSource.
/// </summary>
public static class CustomerToken
{
    public const string Header = "X-Customer-Token";

    public static string New() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static string? Read(HttpRequest request) =>
        request.Headers[Header].FirstOrDefault() is { Length: > 0 } header ? header
        : QueryStringCredentials.Allowed(request.HttpContext) ? request.Query["customerToken"].FirstOrDefault()
        : null;
}
