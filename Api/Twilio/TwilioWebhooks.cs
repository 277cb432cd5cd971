using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;
using Contact.Silo.Twilio;
using Microsoft.AspNetCore.Cors;
using Microsoft.AspNetCore.Http.Features;

namespace Contact.Api.Twilio;

/// <summary>
/// What every route that Twilio calls shares: Twilio's signature of exactly what the request says
/// is checked before anything else, and anything unsigned gets 403 and changes nothing.
/// </summary>
public static class TwilioWebhooks
{
    public const string SignatureHeader = "X-Twilio-Signature";
    /// <summary>Twilio's largest webhook (a 1,600-character text with ten media links) is a few kilobytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    /// <summary>A route Twilio calls: its form body, its signature, no browser origin, and the refusals of <see cref="Signed"/>.</summary>
    public static RouteHandlerBuilder AsTwilioWebhook(this RouteHandlerBuilder route, string notConfiguredCode) => route
        .AllowAnonymous().WithMetadata(new DisableCorsAttribute()).WithTags("Twilio webhooks")
        .Accepts<Dictionary<string, string>>("application/x-www-form-urlencoded")
        .RequiresCredential(Credential.TwilioSignature)
        .Refuses(StatusCodes.Status400BadRequest, "validation-failed")
        .Refuses(StatusCodes.Status403Forbidden, "invalid-signature")
        .Refuses(StatusCodes.Status413PayloadTooLarge, "body-too-large")
        .Refuses(StatusCodes.Status503ServiceUnavailable, notConfiguredCode);

    /// <summary>
    /// Runs <paramref name="handle"/> only for a request Twilio signed with our auth token. What
    /// costs nothing to check goes first: an unsigned request or a body larger than any webhook
    /// Twilio sends is refused before the form is read.
    /// </summary>
    public static async Task<IResult> Signed(HttpRequest request, TwilioOptions options, Func<ContactException> notConfigured,
        Func<IReadOnlyDictionary<string, string>, Task<IResult>> handle)
    {
        if (!options.IsConfigured) throw notConfigured();
        var signature = request.Headers[SignatureHeader].ToString();
        if (signature.Length == 0) return InvalidSignature();
        if (request.ContentLength > MaxBodyBytes) return TooLarge();
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        List<KeyValuePair<string, string>> pairs;
        try
        {
            pairs = request.HasFormContentType
                ? [.. (await request.ReadFormAsync()).SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? "")))]
                : [];
        }
        catch (Exception error) when (error is InvalidDataException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge })
        {
            return TooLarge();
        }
        if (!TwilioWebhookSignature.IsValid(options.AuthToken!, signature, SignedUrl(request, options), pairs)) return InvalidSignature();
        return await handle(pairs.ToDictionary(p => p.Key, p => p.Value));
    }

    private static IResult InvalidSignature() => Problem.Of(StatusCodes.Status403Forbidden, "invalid-signature", "You may not do this.",
        $"The {SignatureHeader} header does not sign this request with our auth token.");

    private static IResult TooLarge() => Problem.TooLarge(MaxBodyBytes);

    /// <summary>Where Twilio reaches this server: <c>PublicUrl</c> when configured (behind a proxy), else as this server saw the request.</summary>
    public static string Origin(HttpRequest request, TwilioOptions options) => options.PublicUrl?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";

    /// <summary>The URL Twilio called, as it signed it.</summary>
    private static string SignedUrl(HttpRequest request, TwilioOptions options) => Origin(request, options) + request.PathBase + request.Path + request.QueryString;
}
