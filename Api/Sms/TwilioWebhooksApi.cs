using Microsoft.AspNetCore.Cors;
using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;
using Contact.Silo.Twilio;
using Microsoft.AspNetCore.Http.Features;

namespace Contact.Api.Sms;

/// <summary>
/// The webhooks a Twilio number points at. Each request must carry Twilio's signature of exactly
/// what it says; anything else gets 403 and changes nothing. A 2xx answer means the text or the
/// status is stored, so Twilio's retries of an unanswered webhook are safe and are stored once.
/// </summary>
public static class TwilioWebhooksApi
{
    public const string SignatureHeader = "X-Twilio-Signature";
    /// <summary>Twilio's largest webhook (a 1,600-character text with ten media links) is a few kilobytes.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    public static IEndpointRouteBuilder MapTwilioWebhooksApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/twilio/sms", (HttpRequest request, TwilioOptions options, IGrainFactory grains) =>
                Signed(request, options, form => ReceiveText(form, grains)))
            .WithSummary("Twilio's webhook for an inbound text")
            .AsWebhook().Produces<string>(contentType: "text/xml");
        routes.MapPost(TwilioSmsGateway.StatusCallbackPath, (HttpRequest request, TwilioOptions options, IGrainFactory grains) =>
                Signed(request, options, form => ReceiveStatus(request, form, grains)))
            .WithSummary("Twilio's callback with a text's delivery status")
            .AsWebhook().Produces(StatusCodes.Status204NoContent)
            .Refuses(StatusCodes.Status404NotFound, "chat-not-found", "sms-not-found");
        return routes;
    }

    /// <summary>A route Twilio calls: its form body, its signature, no browser origin, and the refusals of <see cref="Signed"/>.</summary>
    private static RouteHandlerBuilder AsWebhook(this RouteHandlerBuilder route) => route
        .AllowAnonymous().WithMetadata(new DisableCorsAttribute()).WithTags("Twilio webhooks")
        .Accepts<Dictionary<string, string>>("application/x-www-form-urlencoded")
        .RequiresCredential(Credential.TwilioSignature)
        .Refuses(StatusCodes.Status400BadRequest, "validation-failed")
        .Refuses(StatusCodes.Status403Forbidden, "invalid-signature")
        .Refuses(StatusCodes.Status413PayloadTooLarge, "body-too-large")
        .Refuses(StatusCodes.Status503ServiceUnavailable, "sms-not-configured");

    private static async Task<IResult> ReceiveText(IReadOnlyDictionary<string, string> form, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        if (!form.TryGetValue("MessageSid", out var sid) || !Ids.IsValid(sid)) errors["MessageSid"] = ["Twilio's message sid"];
        // Twilio sends numbers in E.164; no region is assumed for them.
        var from = PhoneField.Read(form.GetValueOrDefault("From"), null, "From", errors);
        var to = PhoneField.Read(form.GetValueOrDefault("To"), null, "To", errors);
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Not an inbound SMS webhook.", errors);
        await grains.GetGrain<ISmsInboundGrain>(sid!).Receive(new InboundSms(sid!, from!, to!, form.GetValueOrDefault("Body") ?? ""));
        return Results.Text(EmptyTwiml, "text/xml");
    }

    /// <summary>The chat and transcript line come back in the query string of the StatusCallback the gateway gave Twilio.</summary>
    private static async Task<IResult> ReceiveStatus(HttpRequest request, IReadOnlyDictionary<string, string> form, IGrainFactory grains)
    {
        var errors = new Dictionary<string, string[]>();
        var chatId = request.Query["chatId"].ToString();
        if (!Ids.IsValid(chatId)) errors["chatId"] = ["the chat id of the StatusCallback URL"];
        if (!long.TryParse(request.Query["seq"], out var seq) || seq < 1) errors["seq"] = ["the transcript seq of the StatusCallback URL"];
        if (!form.TryGetValue("MessageSid", out var sid) || !Ids.IsValid(sid)) errors["MessageSid"] = ["Twilio's message sid"];
        if (!form.TryGetValue("MessageStatus", out var status) || string.IsNullOrWhiteSpace(status)) errors["MessageStatus"] = ["required"];
        int? errorCode = null;
        if (form.TryGetValue("ErrorCode", out var code) && !string.IsNullOrEmpty(code))
        {
            if (int.TryParse(code, out var parsed)) errorCode = parsed;
            else errors["ErrorCode"] = ["a number"];
        }
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Not a message status callback.", errors);
        await grains.GetGrain<IChatSessionGrain>(chatId).ReportSmsStatus(new SmsStatusReport(seq, sid!, status!.Trim().ToLowerInvariant(), errorCode));
        return Results.NoContent();
    }

    /// <summary>
    /// Runs <paramref name="handle"/> only for a request Twilio signed with our auth token. What
    /// costs nothing to check goes first: an unsigned request or a body larger than any webhook
    /// Twilio sends is refused before the form is read.
    /// </summary>
    private static async Task<IResult> Signed(HttpRequest request, TwilioOptions options, Func<IReadOnlyDictionary<string, string>, Task<IResult>> handle)
    {
        if (!options.IsConfigured) throw SmsSetup.NotConfigured();
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

    /// <summary>The URL Twilio called: on <c>PublicUrl</c> when configured (behind a proxy), else as this server saw it.</summary>
    private static string SignedUrl(HttpRequest request, TwilioOptions options)
    {
        var origin = options.PublicUrl?.TrimEnd('/') ?? $"{request.Scheme}://{request.Host}";
        return origin + request.PathBase + request.Path + request.QueryString;
    }
}
