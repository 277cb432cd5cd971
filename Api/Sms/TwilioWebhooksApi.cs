using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Api.Twilio;
using Contact.Grains.Interfaces;
using Contact.Silo.Twilio;

namespace Contact.Api.Sms;

/// <summary>
/// The webhooks a Twilio number points at. Each request must carry Twilio's signature of exactly
/// what it says; anything else gets 403 and changes nothing. A 2xx answer means the text or the
/// status is stored, so Twilio's retries of an unanswered webhook are safe and are stored once.
/// </summary>
public static class TwilioWebhooksApi
{
    private const string EmptyTwiml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    public static IEndpointRouteBuilder MapTwilioWebhooksApi(this IEndpointRouteBuilder routes)
    {
        routes.MapPost("/api/v1/twilio/sms", (HttpRequest request, TwilioOptions options, IGrainFactory grains) =>
                TwilioWebhooks.Signed(request, options, SmsSetup.NotConfigured, form => ReceiveText(form, grains)))
            .WithSummary("Twilio's webhook for an inbound text")
            .AsTwilioWebhook("sms-not-configured").Produces<string>(contentType: "text/xml");
        routes.MapPost(TwilioSmsGateway.StatusCallbackPath, (HttpRequest request, TwilioOptions options, IGrainFactory grains) =>
                TwilioWebhooks.Signed(request, options, SmsSetup.NotConfigured, form => ReceiveStatus(request, form, grains)))
            .WithSummary("Twilio's callback with a text's delivery status")
            .AsTwilioWebhook("sms-not-configured").Produces(StatusCodes.Status204NoContent)
            .Refuses(StatusCodes.Status404NotFound, "chat-not-found", "sms-not-found");
        return routes;
    }

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
}
