using System.Security.Claims;
using Contact.Api.Auth;
using Contact.Api.Chats;
using Contact.Api.OpenApi;
using Contact.Api.Problems;
using Contact.Grains.Interfaces;
using Contact.Grains.Phones;

namespace Contact.Api.Sms;

public sealed record SendSmsRequest(string? ServiceId, string? To, string? Text);

/// <summary>
/// Agents text customers: the first text to a number starts an SMS chat the agent owns, later
/// ones join it until it ends. Replies come back as <c>chat.message</c> on the agent's stream.
/// </summary>
public static class SmsApi
{
    public static IEndpointRouteBuilder MapSmsApi(this IEndpointRouteBuilder routes)
    {
        var sms = routes.MapGroup("/api/v1/sms").RequireAuthorization().WithTags("SMS");
        sms.MapPost("/", Send)
            .WithSummary("Text a customer (starts or joins an SMS conversation)").Produces<SentSms>(StatusCodes.Status201Created).RefusesLikeSms()
            .Refuses(StatusCodes.Status400BadRequest, "validation-failed", "message-empty", "message-too-long")
            .Refuses(StatusCodes.Status403Forbidden, "forbidden", "not-your-chat", "customer-banned", "service-not-yours")
            .Refuses(StatusCodes.Status404NotFound, "service-not-found", "agent-not-found")
            .Refuses(StatusCodes.Status409Conflict, "channel-not-offered", "sms-number-missing", "agent-logged-out", "transcript-full");
        sms.MapGet("/inbound/{messageSid}", async (string messageSid, IGrainFactory grains) => Ids.IsValid(messageSid)
                ? Results.Ok(await grains.GetGrain<ISmsInboundGrain>(messageSid).GetRecord())
                : Ids.Invalid("Message", "messageSid")).WithSummary("An inbound text as it was received")
            .RequireAuthorization(Policies.Supervisor).Produces<InboundSmsRecord>()
            .Refuses(StatusCodes.Status400BadRequest, "invalid-id").Refuses(StatusCodes.Status404NotFound, "sms-not-found");
        return routes;
    }

    /// <summary>The refusals of a text on its way to the provider: its length, the customer's opt-out, and the provider's answer.</summary>
    internal static RouteHandlerBuilder RefusesLikeSms(this RouteHandlerBuilder route) => route
        .Refuses(StatusCodes.Status400BadRequest, "sms-too-long")
        .Refuses(StatusCodes.Status409Conflict, "sms-opted-out")
        .Refuses(StatusCodes.Status422UnprocessableEntity, "sms-rejected")
        .Refuses(StatusCodes.Status502BadGateway, "sms-provider-auth-failed", "sms-outcome-unknown")
        .Refuses(StatusCodes.Status503ServiceUnavailable, "sms-not-configured", "sms-unavailable");

    private static async Task<IResult> Send(SendSmsRequest request, ClaimsPrincipal caller, IGrainFactory grains, PhoneOptions phones)
    {
        var me = caller.FindFirstValue(TokenIssuer.AgentIdClaim);
        if (me is null) return Problem.Forbidden("Only agents send texts.");
        var errors = new Dictionary<string, string[]>();
        if (request.ServiceId is not { } serviceId || !Ids.IsValid(serviceId)) errors["serviceId"] = [Ids.Rule];
        var to = PhoneField.Read(request.To, phones.DefaultRegion, "to", errors);
        if (errors.Count > 0) return Problem.Invalid("validation-failed", "Some fields are invalid.", errors);
        if (ChatValidation.CheckMessage(request.Text) is { } bad) return bad;

        var thread = grains.GetGrain<ISmsThreadGrain>(SmsThreads.Key(request.ServiceId!, to!));
        var sent = await thread.SendFromAgent(me, request.Text!);
        return Results.Created($"/api/v1/chats/{sent.ChatId}", sent);
    }
}
